package org.defendersql.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.defendersql.emulator.faults.Fault;

/** Sends a page's body damaged: cut short, with an invalid byte, or dropped half-way (the MDE API's and Graph's). */
public final class FaultyBodies {
  private FaultyBodies() {
  }

  static void send(HttpExchange ex, Fault fault, byte[] body) throws IOException {
    send(ex, fault, body, Responses.ODATA_JSON);
  }

  /** Sends a 200 answer of this content type whose body the fault damages. */
  public static void send(HttpExchange ex, Fault fault, byte[] body, String contentType) throws IOException {
    final int half = body.length / 2;
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("OData-Version", "4.0");
    // Every variant announces its length, so the client may be done before any close: log first.
    EmulatorServer.logBeforeAnswering(ex, 200);
    switch (fault) {
      case TRUNCATED_JSON -> {
        // A well-formed HTTP message whose JSON stops: what a proxy that cut the body would hand on.
        ex.sendResponseHeaders(200, half);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body, 0, half);
        }
      }
      case MALFORMED_JSON -> {
        final byte[] bad = Arrays.copyOf(body, body.length);
        bad[half] = 0x01; // a control character is invalid anywhere in JSON, inside a string or not
        ex.sendResponseHeaders(200, bad.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bad);
        }
      }
      case DROPPED_MID_BODY -> {
        ex.sendResponseHeaders(200, body.length);
        final OutputStream out = ex.getResponseBody();
        out.write(body, 0, half);
        out.flush();
        // Closing the exchange (not the body stream first) with bytes still owed makes the JDK server close the
        // connection itself, as a crashed or cut-off server would.
        ex.close();
      }
      default -> throw new IllegalArgumentException("not a body fault: " + fault);
    }
  }
}
