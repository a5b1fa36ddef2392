package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/** Streaming a page of the API into rows: types, nested objects, dates, next links, truncation. */
class PageReaderTest {
  private static final List<Column> COLUMNS = List.of(
      col("id"), col("incident_id"), col("alert_creation_time"), col("related_user_user_name"),
      col("mitre_techniques"), col("comments"));

  private static Column col(String name) {
    return DefenderModel.ALERTS.column(name).orElseThrow();
  }

  private static PageReader reader(String json) throws IOException {
    return new PageReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), () -> { },
        new RowShape(COLUMNS), new JsonFactory());
  }

  @Test void readsRowsAndTheLinkAfterThem() throws IOException {
    final String page = "{\"@odata.context\":\"x\",\"value\":["
        + "{\"id\":\"da1\",\"title\":\"ignored\",\"incidentId\":7,\"alertCreationTime\":\"2021-01-26T20:33:57.7220239Z\","
        + "\"relatedUser\":{\"userName\":\"jdoe\",\"domainName\":\"contoso\"},\"mitreTechniques\":[\"T1064\"],"
        + "\"comments\":[{\"comment\":\"a\",\"createdTime\":\"2021-01-26T20:33:59Z\"}],\"extra\":{\"deep\":[1,2]}},"
        + "{\"id\":\"da2\",\"incidentId\":null,\"alertCreationTime\":\"2019-12-18T08:02:54Z\",\"relatedUser\":null,"
        + "\"mitreTechniques\":[],\"comments\":[]}],"
        + "\"@odata.nextLink\":\"https://host/api/alerts?$skip=2\"}";
    try (PageReader r = reader(page)) {
      final Object[] first = r.next();
      assertEquals("da1", first[0]);
      assertEquals(7L, first[1]);
      assertEquals(Instant.parse("2021-01-26T20:33:57.722Z").toEpochMilli(), first[2]);
      assertEquals("jdoe", first[3]);
      assertEquals(List.of("T1064"), first[4]);
      assertEquals("[{\"comment\":\"a\",\"createdTime\":\"2021-01-26T20:33:59Z\"}]", first[5]);
      assertArrayEquals(new Object[] {"da2", null, Instant.parse("2019-12-18T08:02:54Z").toEpochMilli(), null,
          List.of(), "[]"}, r.next());
      assertNull(r.next());
      assertEquals("https://host/api/alerts?$skip=2", r.nextLink());
    }
  }

  @Test void acceptsZeroToSevenFractionDigits() {
    final Column c = col("alert_creation_time");
    for (String s : List.of("2020-07-20T10:53:50Z", "2020-07-20T10:53:50.1Z", "2020-07-20T10:53:50.19Z",
        "2020-07-20T10:53:50.199Z", "2020-07-20T10:53:50.1999Z", "2020-07-20T10:53:50.19999Z",
        "2020-07-20T10:53:50.199999Z", "2020-07-20T10:53:50.1999999Z")) {
      final long millis = JsonValues.epochMillis(s, c);
      assertEquals(Instant.parse(s).toEpochMilli(), millis, s);
    }
  }

  @Test void truncatedPageIsAnErrorNotFewerRows() throws IOException {
    final String page = "{\"value\":[{\"id\":\"da1\"},{\"id\":\"da2\",\"incidentId\":";
    try (PageReader r = reader(page)) {
      assertEquals("da1", r.next()[0]);
      final RuntimeException e = assertThrows(RuntimeException.class, r::next);
      assertTrue(e.getMessage() != null, String.valueOf(e));
    }
    final String cut = "{\"value\":[{\"id\":\"da1\"}";
    try (PageReader r = reader(cut)) {
      assertEquals("da1", r.next()[0]);
      assertThrows(RuntimeException.class, r::next);
    }
  }

  /**
   * Nested collections served as text are the answer's own bytes, whatever chunks the body arrives in: long and
   * non-ASCII values straddling reads of 1 to 100 bytes come out as the parser would re-write them.
   */
  @Test void nestedTextSurvivesAnyChunking() throws IOException {
    final StringBuilder page = new StringBuilder("{\"value\":[");
    final java.util.List<String> expected = new java.util.ArrayList<>();
    final java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 300; i++) {
      final StringBuilder comments = new StringBuilder("[");
      for (int k = 0; k < r.nextInt(6); k++) {
        comments.append(k == 0 ? "" : ",").append("{\"comment\":\"").append("é\\\"x".repeat(r.nextInt(400)))
            .append("\",\"n\":[").append(k).append(",{\"a\":null}]}");
      }
      comments.append("]");
      expected.add(comments.toString());
      page.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i).append("\",\"comments\":").append(comments)
          .append(",\"mitreTechniques\":[\"T1\"]}");
    }
    page.append("]}");
    final byte[] bytes = page.toString().getBytes(StandardCharsets.UTF_8);
    final java.io.InputStream chunked = new java.io.InputStream() {
      private int at;

      @Override public int read() {
        return at < bytes.length ? bytes[at++] & 0xff : -1;
      }

      @Override public int read(byte[] b, int off, int len) {
        if (at >= bytes.length) {
          return -1;
        }
        final int n = Math.min(Math.min(len, 1 + r.nextInt(100)), bytes.length - at);
        System.arraycopy(bytes, at, b, off, n);
        at += n;
        return n;
      }
    };
    try (PageReader reader = new PageReader(chunked, () -> { }, new RowShape(COLUMNS), new JsonFactory())) {
      for (String text : expected) {
        final Object[] row = reader.next();
        assertEquals(text, row[5]);
        assertEquals(List.of("T1"), row[4]);
      }
      assertNull(reader.next());
    }
  }
}
