package org.defendersql.server.metadata;

import java.sql.DatabaseMetaData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * The built-in functions a connection offers, for {@code DatabaseMetaData.getFunctions}: every named function of
 * the operator table Calcite parses this connection's SQL with (its {@code fun} libraries, or the standard table),
 * with a remark saying what kind it is, and for those that serve Defender's data best (JSON text, arrays, time
 * arithmetic) how to use them here.
 */
final class ServerFunctions {
  /** The functions worth a usage hint on this data, most of them beyond standard SQL or little known. */
  private static final Map<String, String> HINTS = hints();

  private ServerFunctions() {
  }

  /** A built-in function: its name, what kind it is and a remark. */
  record Function(String name, short type, String remarks) {
  }

  /** The functions, by name, one entry per name (overloads and aliases of one name are one function). */
  static List<Function> of(CalciteConnection connection) {
    final SqlOperatorTable table = connection.config().fun(SqlOperatorTable.class, SqlStdOperatorTable.instance());
    final Map<String, Function> byName = new TreeMap<>();
    for (SqlOperator op : table.getOperatorList()) {
      if (op instanceof SqlFunction f && f.getName().matches("[A-Z][A-Z0-9_]*")) {
        byName.putIfAbsent(f.getName(), new Function(f.getName(), type(f), remarks(f)));
      }
    }
    return List.copyOf(byName.values());
  }

  private static short type(SqlFunction f) {
    return (short) (f.getFunctionType().isTableFunction() ? DatabaseMetaData.functionReturnsTable
        : DatabaseMetaData.functionNoTable);
  }

  private static String remarks(SqlFunction f) {
    final String kind = f instanceof SqlAggFunction ? "Aggregate function" : kind(f.getFunctionType());
    final String hint = HINTS.get(f.getName());
    return kind + " (built in)." + (hint == null ? "" : " " + hint);
  }

  private static String kind(SqlFunctionCategory category) {
    return switch (category) {
      case STRING -> "String function";
      case NUMERIC -> "Numeric function";
      case TIMEDATE -> "Date and time function";
      case SYSTEM -> "System function";
      case MATCH_RECOGNIZE -> "MATCH_RECOGNIZE function";
      default -> category.isTableFunction() ? "Table function" : "Function";
    };
  }

  private static Map<String, String> hints() {
    final Map<String, String> h = new LinkedHashMap<>();
    h.put("JSON_VALUE", "A scalar from JSON text, e.g. JSON_VALUE(evidence, '$[0].sha1') on the JSON-array"
        + " columns (evidence, comments, logged_on_users, ip_addresses, domains).");
    h.put("JSON_QUERY", "A JSON object or array from JSON text, e.g. JSON_QUERY(logged_on_users, '$[0]').");
    h.put("JSON_EXISTS", "Whether a JSON path matches in JSON text, e.g. JSON_EXISTS(comments, '$[0]').");
    h.put("CARDINALITY", "The number of elements of an array, e.g. CARDINALITY(machine_tags).");
    h.put("ELEMENT", "The only element of a one-element array.");
    h.put("TIMESTAMPADD", "Adds units to a timestamp, e.g. TIMESTAMPADD(DAY, -7, CURRENT_TIMESTAMP).");
    h.put("TIMESTAMPDIFF", "Units between two timestamps, e.g. TIMESTAMPDIFF(HOUR, first_event_time,"
        + " last_event_time).");
    h.put("CURRENT_TIMESTAMP", "The current time; this server's session time zone is UTC, as the API's times.");
    h.put("INITCAP", "Capitalises the first letter of each word.");
    h.put("FLOOR", "Also truncates a timestamp, e.g. FLOOR(alert_creation_time TO DAY) to count alerts per day.");
    h.put("CEIL", "Also rounds a timestamp up to a unit, e.g. CEIL(last_seen TO HOUR).");
    return Map.copyOf(h);
  }
}
