package org.defendersql.server;

import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * A view of the model, read with the connection's own lexical rules the first time it is used. A view that does
 * not work fails the queries that use it, naming it and the cause (SQLState 42000); while the server lists tables
 * and columns ({@link MetadataRequests}) it shows as a view without columns instead, so the rest of the catalogue
 * still answers.
 */
final class ServerView extends AbstractTable implements TranslatableTable {
  private final CalciteConnection connection;
  private final CalciteSchema root;
  private final String sql;
  private final List<String> schemaPath;
  private final List<String> viewPath;
  private final String name;
  private ViewTable view;
  private RuntimeException failure;

  ServerView(CalciteConnection connection, CalciteSchema root, String sql, List<String> schemaPath,
      List<String> viewPath, List<String> name) {
    this.connection = connection;
    this.root = root;
    this.sql = sql;
    this.schemaPath = schemaPath;
    this.viewPath = viewPath;
    this.name = String.join(".", name.subList(1, name.size()));
  }

  /** The view, its SQL analysed once; throws, naming the view, when the SQL does not work. */
  private synchronized ViewTable view() {
    if (view == null && failure == null) {
      try {
        // Calcite parses a view's SQL with its default rules, which upper-case unquoted identifiers, whatever
        // the connection's; so the SQL is read with the server's rules and handed on with every identifier
        // quoted, its case kept.
        final String quoted = SqlParser.create(sql, ReadOnlyPolicy.PARSER).parseQuery()
            .toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT).withQuoteAllIdentifiers(true)).getSql();
        final CalcitePrepare.AnalyzeViewResult parsed =
            Schemas.analyzeView(connection, root, schemaPath, quoted, viewPath, false);
        final JavaTypeFactory types = (JavaTypeFactory) parsed.typeFactory;
        view = new ViewTable(types.getJavaClass(parsed.rowType), RelDataTypeImpl.proto(parsed.rowType), quoted,
            schemaPath, viewPath);
      } catch (SqlParseException e) {
        failure = new RuntimeException(e.getMessage(), e);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new ClientError("The view " + name + " of the model cannot be used: " + cause(failure)
          + " Its SQL: " + sql, SqlStates.REFUSED);
    }
    return view;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    if (MetadataRequests.listing()) {
      try {
        return view().getRowType(typeFactory);
      } catch (ClientError e) {
        return typeFactory.builder().build();
      }
    }
    return view().getRowType(typeFactory);
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return view().toRel(context, relOptTable);
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  /** The innermost message, which names what is wrong (an unknown table, a syntax error and where). */
  private static String cause(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    message = String.valueOf(message);
    final int expecting = message.indexOf("Was expecting");
    message = (expecting > 0 ? message.substring(0, expecting) : message).strip();
    return message.endsWith(".") ? message : message + ".";
  }
}
