package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

/** Responses are written byte for byte as Avatica writes them, whatever their size. */
class LeanProtobufTranslationTest {
  private static final Service.RpcMetadataResponse SERVER = new Service.RpcMetadataResponse("localhost:8765");

  @Test void framesOfEverySizeAreAvaticasBytes() throws Exception {
    for (int rows : new int[] {0, 1, 7, 120, 1_000, 5_000}) {
      final Meta.Frame frame = Meta.Frame.create(rows * 3L, rows % 2 == 0, rows(rows));
      same(new Service.FetchResponse(frame, false, false, SERVER));
      same(new Service.FetchResponse(LeanFrame.of(frame), false, false, SERVER));
    }
  }

  @Test void otherResponsesAreAvaticasBytes() throws Exception {
    same(new Service.OpenConnectionResponse(SERVER));
    same(new Service.CloseStatementResponse(SERVER));
    same(new Service.FetchResponse(null, true, false, SERVER));
    same(new Service.ErrorResponse(List.of("java.sql.SQLException: Ünïcode ✓ " + "x".repeat(70_000)),
        "The Defender API answered 403 (request id 7f3c)", 403, "28000", AvaticaSeverity.ERROR, SERVER));
  }

  private static void same(Service.Response response) throws Exception {
    assertTrue(LeanProtobufTranslation.writesDirectly(), "this Avatica's responses are written here");
    final byte[] avatica = new ProtobufTranslationImpl().serializeResponse(response);
    final byte[] lean = new LeanProtobufTranslation().serializeResponse(response);
    assertArrayEquals(avatica, lean, response.getClass().getSimpleName());
    // And a client reads it as the response it is.
    assertEquals(response.getClass(), new ProtobufTranslationImpl().parseResponse(lean).getClass());
  }

  /** Rows of text (some of it not ASCII), numbers, booleans, nulls and bytes. */
  private static List<Object> rows(int n) {
    final List<Object> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {"da63924088929844" + i, (long) i * 1_000_003, i % 3 == 0 ? null : "Évidence «" + i + "»",
          i % 2 == 0, i / 7.0, i % 5 == 0 ? null : 1_764_547_200_000L + i, new byte[] {(byte) i, 0, -1},
          "{\"entityType\":\"File\",\"sha1\":\"" + "ab".repeat(20) + "\"}"});
    }
    return rows;
  }
}
