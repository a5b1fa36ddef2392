package org.defendersql.server;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * The number of rows in a frame the server answers, from what a client asked and how large the statement's rows
 * were in its previous frame: JDBC's fetch size 0 (or any size not above 0) means "the driver's choice", which is
 * Avatica's default frame, never an empty last frame; and a frame is kept under {@link #MAX_FRAME_BYTES}.
 *
 * <p>Why a bound in bytes: Avatica serialises a frame whole, so 10,000 rows of whole alerts are one object of tens
 * of MB. In a small heap every such object is "humongous" to G1 and starts a collection cycle, which made a
 * larger fetch size slower than a smaller one and a million-row scan spend 14% of its time in GC pauses. The
 * protocol lets the server answer fewer rows than asked (the client fetches again until the last frame).
 */
final class FrameSizes {
  /** The largest frame, in estimated bytes of its values: below half of G1's smallest region (1 MB). */
  static final long MAX_FRAME_BYTES = 256 * 1024;

  /** The largest first frame of a statement whose rows were never measured. */
  static final int UNMEASURED_FIRST_FRAME = 1_000;

  /** The rows measured to estimate a frame's row size: enough for an average, cheap next to serialising them. */
  private static final int SAMPLE = 64;

  private FrameSizes() {
  }

  /** The rows of a later frame ({@code fetch}), given the statement's average row size so far (0 if unknown). */
  static int ofFetch(int requested, long rowBytes) {
    final int wanted = requested > 0 ? requested : AvaticaStatement.DEFAULT_FETCH_SIZE;
    if (rowBytes <= 0) {
      return wanted;
    }
    return (int) Math.max(1, Math.min(wanted, MAX_FRAME_BYTES / rowBytes));
  }

  /**
   * The rows of the first frame; -1 tells Avatica's {@code JdbcMeta} to send its default first frame. Before a
   * statement's rows were ever measured, at most {@value #UNMEASURED_FIRST_FRAME}: one more round trip for narrow
   * rows, instead of one frame of tens of MB for wide ones.
   */
  static int ofFirstFrame(int requested, long rowBytes) {
    if (requested <= 0) {
      return -1;
    }
    return rowBytes > 0 ? ofFetch(requested, rowBytes) : Math.min(requested, UNMEASURED_FIRST_FRAME);
  }

  /**
   * The average size of a frame's rows in bytes, estimated from up to {@value #SAMPLE} of them (characters of
   * text, 8 per other value); 0 for a frame without rows.
   */
  static long rowBytes(Meta.Frame frame) {
    if (frame == null) {
      return 0;
    }
    long bytes = 0;
    int rows = 0;
    for (Object row : frame.rows) {
      if (rows == SAMPLE) {
        break;
      }
      bytes += size(row);
      rows++;
    }
    return rows == 0 ? 0 : Math.max(1, bytes / rows);
  }

  private static long size(Object value) {
    if (value == null) {
      return 1;
    }
    if (value instanceof CharSequence s) {
      return s.length() + 2;
    }
    if (value instanceof byte[] b) {
      return b.length + 2;
    }
    final Iterable<?> items = value instanceof Object[] a ? Arrays.asList(a) : value instanceof List<?> l ? l : null;
    if (items != null) {
      long n = 2;
      for (Object o : items) {
        n += size(o);
      }
      return n;
    }
    return 8;
  }
}
