package org.defendersql.server.security;

import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body stops at a limit: reading beyond it fails with {@link TooLarge}, so a body without a
 * length (chunked) is refused as soon as it is too large, before it fills the heap. It also remembers the body's
 * first byte, which tells JSON ('{') from protobuf for an error answered after the body was read.
 */
final class LimitedBody extends HttpServletRequestWrapper {
  /** Reading the body went past the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("request body over " + limit + " bytes");
    }
  }

  private final long limit;
  private ServletInputStream stream;
  private long read;
  private int firstByte = -1;

  LimitedBody(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  /**
   * Whether the body read so far began as Avatica's JSON client writes it; true before anything was read. A
   * protobuf {@code WireMessage} begins with the tag of its first field (0x0a), never '{'.
   */
  boolean looksLikeJson() {
    return firstByte < 0 || firstByte == '{';
  }

  @Override public ServletInputStream getInputStream() throws IOException {
    if (stream == null) {
      final ServletInputStream in = super.getInputStream();
      stream = new ServletInputStream() {
        @Override public int read() throws IOException {
          final int b = in.read();
          if (b >= 0) {
            count(1, b);
          }
          return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
          // Never ask for more than one byte past the limit, so a huge body is not buffered first.
          final int n = in.read(buf, off, (int) Math.min(len, limit - read + 1));
          if (n > 0) {
            count(n, buf[off] & 0xff);
          }
          return n;
        }

        @Override public boolean isFinished() {
          return in.isFinished();
        }

        @Override public boolean isReady() {
          return in.isReady();
        }

        @Override public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
    return stream;
  }

  private void count(int n, int first) throws TooLarge {
    if (read == 0 && firstByte < 0) {
      firstByte = first;
    }
    read += n;
    if (read > limit) {
      throw new TooLarge(limit);
    }
  }
}
