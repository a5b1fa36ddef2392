package org.defendersql.server;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Refuses statements that would change data or schema, with a message that says so. Calcite alone would refuse
 * them too (no Defender table is modifiable), but only deep in planning, with a message no analyst can read.
 */
final class ReadOnlyPolicy {
  /** The server's lexical rules (as {@link DefenderServer#connectionProperties} sets them for Calcite). */
  static final SqlParser.Config PARSER = SqlParser.config().withCaseSensitive(false)
      .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withQuoting(Quoting.DOUBLE_QUOTE);
  /**
   * Texts already found to be queries, weighed in characters. Dashboards and ORMs send the same few texts again
   * and again, and parsing one again cost a fifth of a point lookup's server time; the answer for a text never
   * changes, so a text found here is not parsed again.
   */
  private static final Cache<String, Boolean> QUERIES = CacheBuilder.newBuilder().maximumWeight(1 << 20)
      .weigher((String sql, Boolean b) -> sql.length()).build();

  private ReadOnlyPolicy() {
  }

  /**
   * Checks one statement.
   *
   * @throws ClientError when it is not a query, SQLState 42000 (a statement defender-sql will not run)
   */
  static void check(String sql) {
    if (QUERIES.getIfPresent(sql) != null) {
      return;
    }
    final SqlNode node;
    try {
      node = SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException e) {
      return; // Calcite will report the syntax error itself, with its position.
    }
    if (node.getKind().belongsTo(SqlKind.DML) || node.getKind().belongsTo(SqlKind.DDL)) {
      throw new ClientError("defender-sql is read-only: " + node.getKind().sql.toUpperCase(Locale.ROOT)
          + " statements are not accepted.", SqlStates.REFUSED);
    }
    QUERIES.put(sql, Boolean.TRUE);
  }
}
