package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

/**
 * A frame written by {@link FrameEncoder} is byte for byte the frame Avatica builds and writes, for every kind of
 * value a row can hold, its edge values and values it hands back to Avatica alike.
 */
class FrameEncoderTest {
  private static final Service.RpcMetadataResponse SERVER = new Service.RpcMetadataResponse("localhost:8765");

  /** Values at the edges of each kind the encoder writes itself, and of kinds it leaves to Avatica. */
  private static final List<Object> EDGES = Arrays.asList(null, "", "a", "é", "✓", "\uD83D\uDEE1 shield",
      "\uD800 lone high", "lone low \uDC00", "x".repeat(200), "y".repeat(20_000), 0L, 1L, -1L, Long.MAX_VALUE,
      Long.MIN_VALUE, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0.0, -0.0, Double.NaN, Double.MIN_VALUE,
      Double.NEGATIVE_INFINITY, 1.5e300, true, false, new Timestamp(0), new Timestamp(-86_400_001L),
      new Timestamp(1_764_547_200_123L), BigDecimal.ZERO, new BigDecimal("-12345.6789"), new BigDecimal("1E+40"),
      (short) -3, (byte) 7, 2.5f, -0.0f, 'c', new byte[] {1, 0, -1}, new byte[0], new java.sql.Date(86_400_000L),
      new Time(3_600_000L), List.of(), Arrays.asList("a", null, "b"), List.of(1L, 2L), Arrays.asList((Object) null),
      List.of(List.of("nested")), List.of(new Timestamp(5), 3));

  @Test void everyEdgeValueIsAvaticasBytes() throws Exception {
    final List<Object> rows = new ArrayList<>();
    for (Object v : EDGES) {
      rows.add(new Object[] {v});
      rows.add(Arrays.asList(v, "after"));
    }
    rows.add(EDGES.toArray());
    same(Meta.Frame.create(0, true, rows));
    same(Meta.Frame.create((1L << 40) + 3, false, rows));
  }

  @Test void nullRowsAndEmptyFramesAreAvaticasBytes() throws Exception {
    same(Meta.Frame.create(0, false, List.of()));
    same(Meta.Frame.create(17, true, List.of()));
    same(Meta.Frame.create(5, false, Arrays.asList(null, new Object[] {"x"}, null, new Object[0])));
  }

  /**
   * An execute response (a statement's first frame) is written lean too: one result or several, lean frames,
   * plain frames, no frame, signatures lean or not, update counts, metadata or none.
   */
  @Test void executeResponsesAreAvaticasBytes() throws Exception {
    final Meta.Signature signature = Meta.Signature.create(List.of(MetaImpl.columnMetaData("id", 0, String.class,
        true), MetaImpl.columnMetaData("n", 1, Long.class, false)), "select id, n from alerts", List.of(),
        Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    final List<Object> rows = new ArrayList<>();
    for (Object v : EDGES) {
      rows.add(new Object[] {v, 7L});
    }
    final Meta.Frame lean = LeanFrame.of(Meta.Frame.create(0, true, rows));
    final Meta.Frame plain = Meta.Frame.create(0, false, List.<Object>of((Object) new Object[] {"x", 1L}));
    same(new Service.ExecuteResponse(List.of(result("c1", 3, signature, lean, -1, SERVER)), false, SERVER));
    same(new Service.ExecuteResponse(List.of(result("c1", 3, signature, Meta.Frame.create(0, true, rows), -1,
        SERVER)), false, SERVER));
    same(new Service.ExecuteResponse(List.of(result(null, 0, LeanSignature.of(signature), lean, -1, null)), false,
        null));
    same(new Service.ExecuteResponse(List.of(result("c1", 1, signature, lean, -1, SERVER),
        result("c1", 2, signature, plain, -1, SERVER), result("c1", 3, null, null, 5, SERVER),
        result("c1", 4, signature, LeanFrame.of(Meta.Frame.create(9, false, List.of())), -1, null)), true, SERVER));
  }

  private static Service.ResultSetResponse result(String connection, int statement, Meta.Signature signature,
      Meta.Frame frame, long updateCount, Service.RpcMetadataResponse metadata) {
    return new Service.ResultSetResponse(connection, statement, statement % 2 == 0, signature, frame, updateCount,
        metadata);
  }

  /** Rows that can be walked only once are walked once: the encoder needs two walks, and keeps them. */
  @Test void rowsWalkedOnceAreAvaticasBytes() throws Exception {
    final List<Object> rows = List.of(new Object[] {"a", 1L}, new Object[] {null, List.of("b")});
    final Iterator<Object> once = rows.iterator();
    final Meta.Frame frame = new Meta.Frame(0, true, () -> once);
    final byte[] encoded = new LeanProtobufTranslation().serializeResponse(
        new Service.FetchResponse(LeanFrame.of(frame), false, false, SERVER));
    final byte[] avatica = new ProtobufTranslationImpl().serializeResponse(
        new Service.FetchResponse(LeanFrame.of(Meta.Frame.create(0, true, rows)), false, false, SERVER));
    assertArrayEquals(avatica, encoded);
  }

  @Test void randomFramesAreAvaticasBytes() throws Exception {
    final long seed = System.nanoTime();
    final Random random = new Random(seed);
    for (int frame = 0; frame < 300; frame++) {
      final int columns = 1 + random.nextInt(12);
      final int n = random.nextInt(60);
      final List<Object> rows = new ArrayList<>(n);
      for (int r = 0; r < n; r++) {
        final Object[] row = new Object[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = value(random, 0);
        }
        rows.add(row);
      }
      final Meta.Frame f = Meta.Frame.create(random.nextInt(3) == 0 ? 0 : random.nextInt(1 << 20), random.nextBoolean(),
          rows);
      try {
        same(f);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ", frame " + frame + ": " + e.getMessage(), e);
      }
    }
  }

  private static Object value(Random random, int depth) {
    return switch (random.nextInt(depth == 0 ? 9 : 8)) {
      case 0 -> null;
      case 1 -> text(random);
      case 2 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1000) - 500;
      case 3 -> random.nextInt();
      case 4 -> random.nextBoolean() ? random.nextDouble() * 1e6 - 5e5 : (double) random.nextInt(3) - 1;
      case 5 -> random.nextBoolean();
      case 6 -> new Timestamp(random.nextLong() % 4_000_000_000_000L);
      case 7 -> EDGES.get(random.nextInt(EDGES.size()));
      default -> {
        final List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          items.add(value(random, depth + 1));
        }
        yield items;
      }
    };
  }

  private static String text(Random random) {
    final StringBuilder b = new StringBuilder();
    for (int i = random.nextInt(40); i > 0; i--) {
      // Mostly ASCII, some two- and three-byte characters, a few surrogate halves (paired or not).
      final int kind = random.nextInt(20);
      b.append(kind < 14 ? (char) (32 + random.nextInt(95)) : kind < 17 ? (char) (0xA0 + random.nextInt(0x700))
          : kind < 19 ? (char) (0x2000 + random.nextInt(0x6000)) : (char) (0xD800 + random.nextInt(0x800)));
    }
    return b.toString();
  }

  /**
   * An execute response's frames are written as lean ones, whatever their class (Avatica's {@code LocalService}
   * copies each into a plain frame): its bytes are Avatica's for the same response with lean frames, and a client
   * reads the same rows from it as from Avatica's own bytes.
   */
  private static void same(Service.ExecuteResponse response) throws Exception {
    assertTrue(LeanProtobufTranslation.writesDirectly(), "this Avatica's responses are written here");
    final List<Service.ResultSetResponse> lean = new ArrayList<>();
    for (Service.ResultSetResponse r : response.results) {
      lean.add(new Service.ResultSetResponse(r.connectionId, r.statementId, r.ownStatement, r.signature,
          LeanFrame.of(r.firstFrame), r.updateCount, r.rpcMetadata));
    }
    final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
    final byte[] encoded = new LeanProtobufTranslation().serializeResponse(response);
    assertArrayEquals(avatica.serializeResponse(new Service.ExecuteResponse(lean, response.missingStatement,
        response.rpcMetadata)), encoded);
    final Service.ExecuteResponse read = (Service.ExecuteResponse) avatica.parseResponse(encoded);
    final Service.ExecuteResponse readAvaticas = (Service.ExecuteResponse) avatica.parseResponse(
        avatica.serializeResponse(response));
    assertEquals(readAvaticas.results.size(), read.results.size());
    for (int i = 0; i < read.results.size(); i++) {
      final Meta.Frame mine = read.results.get(i).firstFrame;
      final Meta.Frame theirs = readAvaticas.results.get(i).firstFrame;
      assertEquals(text(theirs), text(mine), "result " + i);
    }
  }

  /** A frame's rows as text, arrays by their items (a client's bytes are arrays). */
  private static String text(Meta.Frame frame) {
    if (frame == null) {
      return null;
    }
    final StringBuilder b = new StringBuilder();
    frame.rows.forEach(row -> b.append(deep(row)).append('\n'));
    return b.toString();
  }

  private static String deep(Object value) {
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    if (value instanceof Object[] array) {
      return deep(Arrays.asList(array));
    }
    if (value instanceof List<?> items) {
      return items.stream().map(FrameEncoderTest::deep).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }

  private static void same(Meta.Frame frame) throws Exception {
    assertTrue(LeanProtobufTranslation.writesDirectly(), "this Avatica's responses are written here");
    final Service.FetchResponse response = new Service.FetchResponse(LeanFrame.of(frame), false, false, SERVER);
    // Avatica's translation builds the lean frame's message (LeanFrame.toProto) and writes it.
    final byte[] avatica = new ProtobufTranslationImpl().serializeResponse(response);
    final byte[] encoded = new LeanProtobufTranslation().serializeResponse(response);
    assertArrayEquals(avatica, encoded, () -> frame.rows.toString());
  }
}
