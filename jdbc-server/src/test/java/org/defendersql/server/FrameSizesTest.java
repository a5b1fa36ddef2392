package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.Test;

/** Frames keep under their bound in bytes, from the size of the statement's rows measured in its last frame. */
class FrameSizesTest {
  @Test void aFetchAsksForAsManyRowsAsFitTheBound() {
    assertEquals(100, FrameSizes.ofFetch(0, 0), "the driver's choice: Avatica's default frame");
    assertEquals(5_000, FrameSizes.ofFetch(5_000, 0), "not measured yet: as asked");
    assertEquals(5_000, FrameSizes.ofFetch(5_000, 20), "narrow rows: as asked");
    assertEquals((int) (FrameSizes.MAX_FRAME_BYTES / 3_000), FrameSizes.ofFetch(10_000, 3_000), "wide rows");
    assertEquals(1, FrameSizes.ofFetch(10_000, 50_000_000), "at least one row, however wide");
  }

  @Test void aFirstFrameIsBoundedEvenBeforeItsRowsWereMeasured() {
    assertEquals(-1, FrameSizes.ofFirstFrame(0, 0), "Avatica's default first frame");
    assertEquals(FrameSizes.UNMEASURED_FIRST_FRAME, FrameSizes.ofFirstFrame(10_000, 0));
    assertEquals(50, FrameSizes.ofFirstFrame(50, 0));
    assertEquals((int) (FrameSizes.MAX_FRAME_BYTES / 3_000), FrameSizes.ofFirstFrame(10_000, 3_000));
  }

  @Test void rowsAreMeasuredByTheirTextAndValues() {
    final List<Object> rows = new ArrayList<>();
    rows.add(new Object[] {"abc", 1L, null});
    rows.add(new Object[] {"abcdefg", 2L, Arrays.asList("x", "yz")});
    // A row is 2 and its values: 2 + (3+2) + 8 + 1 = 16 and 2 + (7+2) + 8 + (2 + 3 + 4) = 28, 22 on average.
    assertEquals(22, FrameSizes.rowBytes(Meta.Frame.create(0, false, rows)));
    assertEquals(0, FrameSizes.rowBytes(Meta.Frame.create(0, true, List.of())));
    assertEquals(0, FrameSizes.rowBytes(null));
  }
}
