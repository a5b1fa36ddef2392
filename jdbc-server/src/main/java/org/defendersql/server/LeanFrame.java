package org.defendersql.server;

import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * A frame that Avatica's protobuf serialization writes with each value once. Avatica's own frame writes every
 * value twice: in its field and again in a field deprecated since Avatica 1.5 (2015), for clients older than that;
 * a frame of JSON text columns was twice its size on the wire and decoded twice by the client. Clients of Avatica
 * 1.5 and later read the current field only, and rows are the same. A statement's first frame does not stay a
 * {@code LeanFrame} (Avatica's {@code LocalService} copies it into a plain frame): {@link LeanProtobufTranslation}
 * writes it lean all the same.
 */
final class LeanFrame extends Meta.Frame {
  private LeanFrame(Meta.Frame frame) {
    super(frame.offset, frame.done, frame.rows);
  }

  /** The frame, written lean. */
  static Meta.Frame of(Meta.Frame frame) {
    return frame == null || frame instanceof LeanFrame || frame == EMPTY || frame == MORE ? frame
        : new LeanFrame(frame);
  }

  /** A result whose first frame is written lean, and its signature built once ({@link LeanSignature}). */
  static Meta.MetaResultSet of(Meta.MetaResultSet rs) {
    if (rs == null || rs.firstFrame instanceof LeanFrame || rs.signature instanceof LeanSignature) {
      return rs;
    }
    return Meta.MetaResultSet.create(rs.connectionId, rs.statementId, rs.ownStatement, LeanSignature.of(rs.signature),
        of(rs.firstFrame), rs.updateCount);
  }

  @Override public Common.Frame toProto() {
    final Common.Frame.Builder frame = Common.Frame.newBuilder().setDone(done).setOffset(offset);
    for (Object row : rows) {
      if (row == null) {
        continue;
      }
      final Common.Row.Builder values = frame.addRowsBuilder();
      if (row instanceof Object[] array) {
        for (Object value : array) {
          add(values, value);
        }
      } else if (row instanceof Iterable<?> iterable) {
        for (Object value : iterable) {
          add(values, value);
        }
      } else {
        throw new IllegalStateException("A row of a frame is an array or a list, not a " + row.getClass());
      }
    }
    return frame.build();
  }

  /** A column's value: an SQL array as its items, anything else as one scalar. */
  private static void add(Common.Row.Builder row, Object value) {
    final Common.ColumnValue.Builder column = row.addValueBuilder();
    if (value instanceof List<?> items) {
      column.setHasArrayValue(true);
      for (Object item : items) {
        TypedValue.toProto(column.addArrayValueBuilder(), item);
      }
    } else {
      TypedValue.toProto(column.getScalarValueBuilder(), value);
    }
  }
}
