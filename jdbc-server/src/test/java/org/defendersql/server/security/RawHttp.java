package org.defendersql.server.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests written byte for byte on a socket, so that a test can send what no HTTP client library lets
 * it (a foreign {@code Host}, an {@code Origin}, a chunked body that never ends) and read the exact answer.
 */
public final class RawHttp {
  private RawHttp() {
  }

  /** An answer: status, headers (lower-case names) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {
  }

  /**
   * Sends one request and reads its answer.
   *
   * @param head the request line and headers, each line without its CRLF
   * @param body the body (sent as is after the head), or null
   */
  public static Answer send(int port, String head, byte[] body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      final OutputStream out = s.getOutputStream();
      out.write((head.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException e) {
          // The server may answer and close before the whole body is sent; its answer is what counts.
        }
      }
      out.flush();
      return read(s.getInputStream());
    }
  }

  /** A POST of {@code body} with this {@code Host} and extra header lines (may be empty). */
  public static Answer post(int port, String host, String contentType, String extraHeaders, byte[] body)
      throws IOException {
    final String head = "POST / HTTP/1.1\nHost: " + host + "\nContent-Type: " + contentType
        + "\nContent-Length: " + body.length + (extraHeaders.isEmpty() ? "" : "\n" + extraHeaders)
        + "\nConnection: close";
    return send(port, head, body);
  }

  private static Answer read(InputStream in) throws IOException {
    final String statusLine = line(in);
    final Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      final int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    final String length = headers.get("content-length");
    final byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
    return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    final ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection ended in the answer's head: " + b);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
