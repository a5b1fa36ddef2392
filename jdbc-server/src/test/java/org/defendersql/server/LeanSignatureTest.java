package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.junit.jupiter.api.Test;

/** A signature built once answers for every equal one, with the message Avatica would have written. */
class LeanSignatureTest {
  @Test void equalSignaturesShareOneMessageEqualToAvaticas() throws Exception {
    final Meta.Signature first = signature("select * from alerts where id = ?", 40, Meta.StatementType.SELECT);
    final Meta.Signature again = signature("select * from alerts where id = ?", 40, Meta.StatementType.SELECT);
    final Meta.Signature lean = LeanSignature.of(first);
    assertSame(lean, LeanSignature.of(again));
    assertSame(lean, LeanSignature.of(lean));
    assertEquals(first.toProto(), lean.toProto());
    assertEquals(first, lean);
    // What the client reads back is the signature it would have read without it.
    assertEquals(Meta.Signature.fromProto(Common.Signature.parseFrom(first.toProto().toByteArray())),
        Meta.Signature.fromProto(Common.Signature.parseFrom(lean.toProto().toByteArray())));
  }

  @Test void anyDifferenceGetsItsOwnMessage() {
    final Meta.Signature a = LeanSignature.of(signature("select * from machines", 12, Meta.StatementType.SELECT));
    for (Meta.Signature other : List.of(signature("select * from machines ", 12, Meta.StatementType.SELECT),
        signature("select * from machines", 11, Meta.StatementType.SELECT),
        signature("select * from machines", 12, Meta.StatementType.OTHER_DDL))) {
      final Meta.Signature lean = LeanSignature.of(other);
      assertNotSame(a, lean);
      assertEquals(other.toProto(), lean.toProto());
      assertEquals(other.statementType, lean.statementType);
    }
    assertNull(LeanSignature.of(null));
  }

  private static Meta.Signature signature(String sql, int columns, Meta.StatementType type) {
    final List<ColumnMetaData> cols = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      final ColumnMetaData.AvaticaType t = i % 2 == 0
          ? ColumnMetaData.scalar(Types.VARCHAR, "VARCHAR", ColumnMetaData.Rep.STRING)
          : ColumnMetaData.scalar(Types.TIMESTAMP, "TIMESTAMP", ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP);
      cols.add(new ColumnMetaData(i, false, true, false, false, 1, true, 64, "c" + i, "c" + i, "DEFENDER", 0,
          i % 2 == 0 ? 0 : 3, "alerts", "DEFENDER", t, true, false, false, i % 2 == 0 ? String.class.getName() : java.sql.Timestamp.class.getName()));
    }
    final List<AvaticaParameter> parameters = sql.contains("?")
        ? List.of(new AvaticaParameter(false, 0, 0, Types.VARCHAR, "VARCHAR", String.class.getName(), "?1"))
        : List.of();
    return new Meta.Signature(cols, sql, parameters, Map.of(), Meta.CursorFactory.ARRAY, type);
  }
}
