package org.defendersql.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Serves Avatica's JSON and protobuf wire formats on one URL, so a client works whichever
 * {@code serialization} it is set to. Both clients post {@code application/octet-stream}; a JSON request
 * begins with '{' and a protobuf {@code WireMessage} never does (its first byte is a field tag). Protobuf is
 * served as Avatica's {@code AvaticaProtobufHandler} serves it (without impersonation, which this server does
 * not configure), with responses written by {@link LeanProtobufTranslation}.
 */
final class SerializationSniffingHandler extends AbstractHandler implements AvaticaHandler {
  private final AvaticaJsonHandler json;
  private final ProtobufHandler protobuf;

  SerializationSniffingHandler(Service service) {
    this.json = new AvaticaJsonHandler(service);
    this.protobuf = new ProtobufHandler(service, new LeanProtobufTranslation(), NoopMetricsSystem.getInstance());
    addBean(json);
  }

  @Override public void setServer(Server server) {
    super.setServer(server);
    json.setServer(server);
  }

  @Override public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    // The JSON handler gives it to the service too.
    json.setServerRpcMetadata(metadata);
    protobuf.setRpcMetadata(metadata);
  }

  @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, javax.servlet.ServletException {
    final byte[] body = request.getInputStream().readAllBytes();
    final HttpServletRequest replay = new Replay(request, body);
    if (isJson(body) || "GET".equals(request.getMethod())) {
      json.handle(target, baseRequest, replay, response);
    } else {
      serveProtobuf(baseRequest, request, body, response);
    }
  }

  /** As Avatica's {@code AvaticaProtobufHandler.handle}: only POST, any failure an error response. */
  private void serveProtobuf(Request baseRequest, HttpServletRequest request, byte[] body,
      HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.getOutputStream().write("This server expects only POST calls.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    response.setContentType("application/octet-stream;charset=utf-8");
    HandlerResponse<byte[]> answer;
    try {
      answer = protobuf.apply(body);
    } catch (RuntimeException e) {
      answer = protobuf.convertToErrorResponse(e);
    }
    response.setStatus(answer.getStatusCode());
    response.getOutputStream().write(answer.getResponse());
  }

  private static boolean isJson(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  /** The request with its already-read body offered again to the chosen handler. */
  private static final class Replay extends HttpServletRequestWrapper {
    private final byte[] body;

    Replay(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override public ServletInputStream getInputStream() {
      final ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public int read() {
          return in.read();
        }

        @Override public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override public boolean isFinished() {
          return in.available() == 0;
        }

        @Override public boolean isReady() {
          return true;
        }

        @Override public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }
  }
}
