package org.defendersql.adapter.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of an API answer as its JSON parser reads it, keeping the last bytes read so that a nested value
 * served as JSON text (evidence, comments) is the answer's own bytes, not re-written token by token through a
 * generator: that re-writing was an eighth of a full scan. The parser still reads every token of the value, so
 * a malformed or truncated value fails as before.
 */
final class RetainedJson extends FilterInputStream {
  private byte[] window = new byte[32 * 1024];
  /** The offset in the whole body of {@code window[0]}. */
  private long windowStart;
  private int windowLength;
  /** Where the latest chunk read begins: bytes from the chunk before it on are kept, as the parser may hold them. */
  private long latestChunk;
  private long captureStart = -1;

  RetainedJson(InputStream body) {
    super(body);
  }

  /**
   * The text of the array or object at the parser's current token, read to its end; null (nothing read) when
   * its bytes are no longer at hand, and the caller re-writes it from tokens instead.
   */
  String textOf(JsonParser p) throws IOException {
    final long start = p.currentTokenLocation().getByteOffset();
    final int first = byteAt(start);
    if (first != '[' && first != '{') {
      return null;
    }
    captureStart = start;
    try {
      p.skipChildren();
    } finally {
      captureStart = -1;
    }
    final long end = p.currentLocation().getByteOffset();
    final int last = byteAt(end - 1);
    final JsonToken t = p.currentToken();
    if (end <= start || last != (t == JsonToken.END_ARRAY ? ']' : '}')) {
      throw new IllegalStateException("JSON value at byte " + start + " to " + end + " not retained whole");
    }
    return new String(window, (int) (start - windowStart), (int) (end - start), StandardCharsets.UTF_8);
  }

  private int byteAt(long offset) {
    return offset < windowStart || offset >= windowStart + windowLength ? -1
        : window[(int) (offset - windowStart)];
  }

  @Override public int read() throws IOException {
    final int b = super.read();
    if (b >= 0) {
      retain(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    final int n = super.read(b, off, len);
    if (n > 0) {
      retain(b, off, n);
    }
    return n;
  }

  @Override public long skip(long n) throws IOException {
    // Skipped bytes would break the offsets: read them instead.
    final byte[] b = new byte[(int) Math.min(n, 8192)];
    final int read = read(b, 0, b.length);
    return Math.max(read, 0);
  }

  private void retain(byte[] b, int off, int n) {
    final long keepFrom = captureStart >= 0 ? Math.min(captureStart, latestChunk) : latestChunk;
    final int drop = (int) Math.max(0, Math.min(keepFrom - windowStart, windowLength));
    if (drop > 0) {
      System.arraycopy(window, drop, window, 0, windowLength - drop);
      windowStart += drop;
      windowLength -= drop;
    }
    if (windowLength + n > window.length) {
      window = java.util.Arrays.copyOf(window, Math.max(window.length * 2, windowLength + n));
    }
    System.arraycopy(b, off, window, windowLength, n);
    latestChunk = windowStart + windowLength;
    windowLength += n;
  }
}
