package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.calcite.avatica.Meta;
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

  private static void same(Meta.Frame frame) throws Exception {
    assertTrue(LeanProtobufTranslation.writesDirectly(), "this Avatica's responses are written here");
    final Service.FetchResponse response = new Service.FetchResponse(LeanFrame.of(frame), false, false, SERVER);
    // Avatica's translation builds the lean frame's message (LeanFrame.toProto) and writes it.
    final byte[] avatica = new ProtobufTranslationImpl().serializeResponse(response);
    final byte[] encoded = new LeanProtobufTranslation().serializeResponse(response);
    assertArrayEquals(avatica, encoded, () -> frame.rows.toString());
  }
}
