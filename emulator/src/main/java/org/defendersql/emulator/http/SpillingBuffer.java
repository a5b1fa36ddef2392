package org.defendersql.emulator.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds an answer until it is complete, so that an answer over the size cap becomes a 400 instead of a cut stream,
 * and a complete one goes out with its length: in memory up to a few megabytes, then in a temporary file.
 * Writing past {@code limit} bytes throws {@link TooLarge}.
 */
final class SpillingBuffer implements Closeable {
  private static final int IN_MEMORY = 4 << 20;

  /** The answer went past the size cap. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("the answer is larger than the cap");
    }
  }

  private final long limit;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;

  SpillingBuffer(long limit) {
    this.limit = limit;
  }

  /** Where to write the answer. */
  OutputStream out() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > limit) {
          throw new TooLarge();
        }
        size += len;
        if (memory != null && memory.size() + len > IN_MEMORY) {
          file = Files.createTempFile("defender-hunting-", ".json");
          fileOut = Files.newOutputStream(file);
          memory.writeTo(fileOut);
          memory = null;
        }
        if (memory != null) {
          memory.write(b, off, len);
        } else {
          fileOut.write(b, off, len);
        }
      }

      @Override
      public void flush() throws IOException {
        if (fileOut != null) {
          fileOut.flush();
        }
      }
    };
  }

  long size() {
    return size;
  }

  /** The whole answer, for faults that alter it (tests keep such answers small). */
  byte[] bytes() throws IOException {
    if (memory != null) {
      return memory.toByteArray();
    }
    fileOut.flush();
    return Files.readAllBytes(file);
  }

  void writeTo(OutputStream out) throws IOException {
    if (memory != null) {
      memory.writeTo(out);
      return;
    }
    fileOut.flush();
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(out);
    }
  }

  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
      Files.deleteIfExists(file);
    }
  }
}
