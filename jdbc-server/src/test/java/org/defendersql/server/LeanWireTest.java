package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the server sends on the wire, read as protobuf messages: every value of a statement's first frame and of its
 * later frames goes out once, in its current field, never again in the field deprecated since Avatica 1.5. A
 * statement's first frame is copied by Avatica's {@code LocalService} into a frame of its own, which went out
 * with every value twice before the server wrote execute responses itself.
 */
class LeanWireTest {
  private static ServedTenant tenant;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ProtobufTranslationImpl translation = new ProtobufTranslationImpl();

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(150, 130);
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  @Test void firstAndLaterFramesCarryEachValueOnce() throws Exception {
    final String connection = UUID.randomUUID().toString();
    send(new Service.OpenConnectionRequest(connection, Map.of()));
    final int statement = ((Service.CreateStatementResponse) translation.parseResponse(
        send(new Service.CreateStatementRequest(connection)))).statementId;

    final Responses.ExecuteResponse executed = Responses.ExecuteResponse.parseFrom(wrapped(send(
        new Service.PrepareAndExecuteRequest(connection, statement, "select * from alerts order by id", -1, 40))));
    final Common.Frame first = executed.getResults(0).getFirstFrame();
    assertEquals(40, first.getRowsCount(), "the first frame's rows");
    assertFalse(first.getDone());
    lean(first, "first frame");

    final Responses.FetchResponse fetched = Responses.FetchResponse.parseFrom(wrapped(send(
        new Service.FetchRequest(connection, statement, 40, 40))));
    assertTrue(fetched.getFrame().getRowsCount() > 0, "a later frame's rows");
    lean(fetched.getFrame(), "later frame");

    send(new Service.CloseStatementRequest(connection, statement));
    send(new Service.CloseConnectionRequest(connection));
  }

  /** Every column's value is in its current field only: the scalar, or an array's items. */
  private static void lean(Common.Frame frame, String which) {
    int values = 0;
    for (Common.Row row : frame.getRowsList()) {
      for (Common.ColumnValue column : row.getValueList()) {
        assertEquals(0, column.getValueCount(), which + ": a value in the deprecated field");
        assertTrue(column.hasScalarValue() || column.getHasArrayValue(), which + ": a column without its value");
        values++;
      }
    }
    assertTrue(values > 100, which + ": values read " + values);
  }

  /** Posts a request as Avatica's client does, and returns the bytes of the answer. */
  private byte[] send(Service.Request request) throws Exception {
    final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(tenant.server.baseUrl()))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(translation.serializeRequest(request))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), () -> request.getClass().getSimpleName() + " answered "
        + response.statusCode());
    return response.body();
  }

  private static byte[] wrapped(byte[] wireMessage) throws Exception {
    return Common.WireMessage.parseFrom(wireMessage).getWrappedMessage().toByteArray();
  }
}
