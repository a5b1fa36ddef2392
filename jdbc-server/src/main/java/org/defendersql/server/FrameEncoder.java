package org.defendersql.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Writes a frame's rows as the bytes of Avatica's protobuf {@code Frame} message, as {@link LeanFrame#toProto()}
 * would serialise, without building that message: building it made two builders and two messages per value, and
 * checked every string's UTF-8 again: over half of the serving threads' work in a wide scan. Values of the kinds a
 * result holds (text, numbers, booleans, timestamps, nulls and lists of them) are written here, field by field in
 * Avatica's order; any other value is built by Avatica ({@link TypedValue#toProto}) and written as its message, so
 * the bytes are Avatica's whatever the value.
 *
 * <p>A message's length comes before it, so the frame is walked twice: the first walk encodes the text and builds
 * the rare messages, and notes every size in order; the second writes, taking them back in the same order.
 */
final class FrameEncoder {
  private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int NULL_TYPE = Common.Rep.NULL.getNumber();

  private final Meta.Frame frame;
  /** The frame's rows, walked twice: a list already, or copied into one. */
  private final Iterable<Object> rows;
  /** Rows, columns and list items' sizes, in the order they are written; a null row is -1. */
  private int[] sizes = new int[64];
  private int sizeCount;
  /** Each text's UTF-8 bytes and each value built by Avatica, in the order they are written. */
  private Object[] prepared = new Object[64];
  private int preparedCount;
  private final int size;

  /** Sizes the frame, encoding its text once. */
  FrameEncoder(Meta.Frame frame) {
    this.frame = frame;
    this.rows = frame.rows instanceof Collection<Object> c ? c : copy(frame.rows);
    int total = 0;
    if (frame.offset != 0) {
      total += CodedOutputStream.computeUInt64Size(Common.Frame.OFFSET_FIELD_NUMBER, frame.offset);
    }
    if (frame.done) {
      total += CodedOutputStream.computeBoolSize(Common.Frame.DONE_FIELD_NUMBER, true);
    }
    for (Object row : rows) {
      final int at = place(-1);
      if (row != null) {
        final int rowSize = rowSize(row);
        sizes[at] = rowSize;
        total += fieldSize(Common.Frame.ROWS_FIELD_NUMBER, rowSize);
      }
    }
    this.size = total;
  }

  /** The size of the frame written as field {@code field} of its response: its tag, its length and its message. */
  int sizeAsField(int field) {
    return fieldSize(field, size);
  }

  /** Writes the frame as field {@code field} of its response; once. */
  void writeAsField(CodedOutputStream out, int field) throws IOException {
    out.writeTag(field, LENGTH_DELIMITED);
    out.writeUInt32NoTag(size);
    writeTo(out);
  }

  private void writeTo(CodedOutputStream out) throws IOException {
    if (frame.offset != 0) {
      out.writeUInt64(Common.Frame.OFFSET_FIELD_NUMBER, frame.offset);
    }
    if (frame.done) {
      out.writeBool(Common.Frame.DONE_FIELD_NUMBER, true);
    }
    final Cursor at = new Cursor();
    for (Object row : rows) {
      final int rowSize = sizes[at.size++];
      if (rowSize < 0) {
        continue;
      }
      out.writeTag(Common.Frame.ROWS_FIELD_NUMBER, LENGTH_DELIMITED);
      out.writeUInt32NoTag(rowSize);
      if (row instanceof Object[] array) {
        for (Object value : array) {
          writeColumn(out, value, at);
        }
      } else {
        for (Object value : (Iterable<?>) row) {
          writeColumn(out, value, at);
        }
      }
    }
  }

  private int rowSize(Object row) {
    int total = 0;
    if (row instanceof Object[] array) {
      for (Object value : array) {
        total += fieldSize(Common.Row.VALUE_FIELD_NUMBER, columnSize(value));
      }
    } else if (row instanceof Iterable<?> iterable) {
      for (Object value : iterable) {
        total += fieldSize(Common.Row.VALUE_FIELD_NUMBER, columnSize(value));
      }
    } else {
      throw new IllegalStateException("A row of a frame is an array or a list, not a " + row.getClass());
    }
    return total;
  }

  /**
   * A column's value: an SQL array as its items, anything else as one scalar (as {@link LeanFrame} builds it). A
   * list notes its own size, then its items'; a scalar notes its value's size only.
   */
  private int columnSize(Object value) {
    if (value instanceof List<?> items) {
      final int at = place(0);
      int total = CodedOutputStream.computeBoolSize(Common.ColumnValue.HAS_ARRAY_VALUE_FIELD_NUMBER, true);
      for (Object item : items) {
        total += fieldSize(Common.ColumnValue.ARRAY_VALUE_FIELD_NUMBER, note(valueSize(item)));
      }
      sizes[at] = total;
      return total;
    }
    return fieldSize(Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER, note(valueSize(value)));
  }

  private void writeColumn(CodedOutputStream out, Object value, Cursor at) throws IOException {
    out.writeTag(Common.Row.VALUE_FIELD_NUMBER, LENGTH_DELIMITED);
    if (value instanceof List<?> items) {
      out.writeUInt32NoTag(sizes[at.size++]);
      // Field order is Avatica's: array values (2) before the flag (3).
      for (Object item : items) {
        out.writeTag(Common.ColumnValue.ARRAY_VALUE_FIELD_NUMBER, LENGTH_DELIMITED);
        out.writeUInt32NoTag(sizes[at.size++]);
        writeValue(out, item, at);
      }
      out.writeBool(Common.ColumnValue.HAS_ARRAY_VALUE_FIELD_NUMBER, true);
    } else {
      final int valueSize = sizes[at.size++];
      out.writeUInt32NoTag(fieldSize(Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER, valueSize));
      out.writeTag(Common.ColumnValue.SCALAR_VALUE_FIELD_NUMBER, LENGTH_DELIMITED);
      out.writeUInt32NoTag(valueSize);
      writeValue(out, value, at);
    }
  }

  /** The size of a {@code TypedValue} as {@link TypedValue#toProto(Common.TypedValue.Builder, Object)} fills it. */
  private int valueSize(Object v) {
    if (v == null) {
      return typeSize(NULL_TYPE) + CodedOutputStream.computeBoolSize(Common.TypedValue.NULL_FIELD_NUMBER, true);
    } else if (v instanceof String s) {
      return typeSize(Common.Rep.STRING_VALUE) + textSize(s);
    } else if (v instanceof Long n) {
      return typeSize(Common.Rep.LONG_VALUE) + numberSize(n);
    } else if (v instanceof Integer n) {
      return typeSize(Common.Rep.INTEGER_VALUE) + numberSize(n);
    } else if (v instanceof Double d) {
      return typeSize(Common.Rep.DOUBLE_VALUE) + (Double.doubleToRawLongBits(d) == 0 ? 0
          : CodedOutputStream.computeDoubleSize(Common.TypedValue.DOUBLE_VALUE_FIELD_NUMBER, d));
    } else if (v instanceof Boolean b) {
      return typeSize(Common.Rep.BOOLEAN_VALUE)
          + (b ? CodedOutputStream.computeBoolSize(Common.TypedValue.BOOL_VALUE_FIELD_NUMBER, true) : 0);
    } else if (v instanceof Timestamp t) {
      return typeSize(Common.Rep.JAVA_SQL_TIMESTAMP_VALUE) + numberSize(t.getTime());
    } else if (v instanceof BigDecimal d) {
      return typeSize(Common.Rep.BIG_DECIMAL_VALUE) + textSize(d.toString());
    }
    // Another kind (a date, a time, bytes, a character, a nested list, ...): as Avatica builds it.
    final Common.TypedValue.Builder builder = Common.TypedValue.newBuilder();
    TypedValue.toProto(builder, v);
    final Common.TypedValue message = builder.build();
    prepare(message);
    return message.getSerializedSize();
  }

  private void writeValue(CodedOutputStream out, Object v, Cursor at) throws IOException {
    if (v == null) {
      writeType(out, NULL_TYPE);
      out.writeBool(Common.TypedValue.NULL_FIELD_NUMBER, true);
    } else if (v instanceof String) {
      writeType(out, Common.Rep.STRING_VALUE);
      writeText(out, (byte[]) prepared[at.prepared++]);
    } else if (v instanceof Long n) {
      writeType(out, Common.Rep.LONG_VALUE);
      writeNumber(out, n);
    } else if (v instanceof Integer n) {
      writeType(out, Common.Rep.INTEGER_VALUE);
      writeNumber(out, n);
    } else if (v instanceof Double d) {
      writeType(out, Common.Rep.DOUBLE_VALUE);
      if (Double.doubleToRawLongBits(d) != 0) {
        out.writeDouble(Common.TypedValue.DOUBLE_VALUE_FIELD_NUMBER, d);
      }
    } else if (v instanceof Boolean b) {
      writeType(out, Common.Rep.BOOLEAN_VALUE);
      if (b) {
        out.writeBool(Common.TypedValue.BOOL_VALUE_FIELD_NUMBER, true);
      }
    } else if (v instanceof Timestamp t) {
      writeType(out, Common.Rep.JAVA_SQL_TIMESTAMP_VALUE);
      writeNumber(out, t.getTime());
    } else if (v instanceof BigDecimal) {
      writeType(out, Common.Rep.BIG_DECIMAL_VALUE);
      writeText(out, (byte[]) prepared[at.prepared++]);
    } else {
      ((Common.TypedValue) prepared[at.prepared++]).writeTo(out);
    }
  }

  // proto3 leaves out fields at their default (0, false, empty), as the generated code does.

  private static int typeSize(int type) {
    return type == 0 ? 0 : CodedOutputStream.computeEnumSize(Common.TypedValue.TYPE_FIELD_NUMBER, type);
  }

  private static void writeType(CodedOutputStream out, int type) throws IOException {
    if (type != 0) {
      out.writeEnum(Common.TypedValue.TYPE_FIELD_NUMBER, type);
    }
  }

  private static int numberSize(long n) {
    return n == 0 ? 0 : CodedOutputStream.computeSInt64Size(Common.TypedValue.NUMBER_VALUE_FIELD_NUMBER, n);
  }

  private static void writeNumber(CodedOutputStream out, long n) throws IOException {
    if (n != 0) {
      out.writeSInt64(Common.TypedValue.NUMBER_VALUE_FIELD_NUMBER, n);
    }
  }

  /**
   * Text is written as Avatica writes it, its {@code getBytes(UTF_8)} (an unpaired surrogate becomes {@code ?}),
   * which the JDK encodes far faster than protobuf measures and encodes a string.
   */
  private int textSize(String s) {
    final byte[] bytes = s.getBytes(UTF_8);
    prepare(bytes);
    return bytes.length == 0 ? 0
        : CodedOutputStream.computeByteArraySize(Common.TypedValue.STRING_VALUE_FIELD_NUMBER, bytes);
  }

  private static void writeText(CodedOutputStream out, byte[] bytes) throws IOException {
    if (bytes.length != 0) {
      out.writeByteArray(Common.TypedValue.STRING_VALUE_FIELD_NUMBER, bytes);
    }
  }

  /** The size of a length-delimited field of {@code size} bytes, its tag and length included. */
  static int fieldSize(int field, int size) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  /** Notes a size, and returns it. */
  private int note(int size) {
    place(size);
    return size;
  }

  /** Keeps a place for a size known later ({@code value} until then), and returns it. */
  private int place(int value) {
    if (sizeCount == sizes.length) {
      sizes = Arrays.copyOf(sizes, sizeCount * 2);
    }
    sizes[sizeCount] = value;
    return sizeCount++;
  }

  private void prepare(Object value) {
    if (preparedCount == prepared.length) {
      prepared = Arrays.copyOf(prepared, preparedCount * 2);
    }
    prepared[preparedCount++] = value;
  }

  private static List<Object> copy(Iterable<Object> rows) {
    final List<Object> list = new ArrayList<>();
    rows.forEach(list::add);
    return list;
  }

  /** Where the writing walk is in the sizes and prepared values the sizing walk left. */
  private static final class Cursor {
    int size;
    int prepared;
  }
}
