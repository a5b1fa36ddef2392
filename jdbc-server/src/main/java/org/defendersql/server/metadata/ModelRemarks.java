package org.defendersql.server.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.defendersql.model.Api;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;
import org.defendersql.model.FilterOperator;
import org.defendersql.model.Lookup;
import org.defendersql.model.QueryOption;
import org.defendersql.model.SqlType;

/**
 * The REMARKS JDBC tools show for Defender tables and columns, one line each, from the model: for a table what a
 * row is, the endpoints it is read from, the key a keyed table requires, the permission (and Microsoft Graph for
 * the {@code graph_*} tables), and for a table of the retiring MDE API its Graph successor; for a column what it
 * is, its JSON property and whether a filter on it is pushed down to the API. Keys are told here as well, as
 * Avatica's client answers {@code getPrimaryKeys} and {@code getImportedKeys} itself, with no rows.
 */
public final class ModelRemarks {
  /** The table of the Defender schema that is not an entity of the model: the connection test. */
  public static final String CONNECTION_STATUS = "connection_status";

  /** Enum types with more members than this are summarised rather than listed. */
  private static final int LISTED_MEMBERS = 8;

  private static final Map<String, String> CONNECTION_STATUS_COLUMNS = Map.of(
      "area", "What was checked: the Azure AD token, or the table whose permission was probed.",
      "permission", "The application permission checked, e.g. Alert.Read.All; null for the token.",
      "status", "The verdict: OK, FAIL or NOT_CHECKED.",
      "probe", "The request sent, e.g. GET /api/alerts?$top=1.",
      "detail", "What happened, in the API's or Azure AD's own words.",
      "fix", "What to do about a failure; null when nothing is wrong.");

  private ModelRemarks() {
  }

  /** The remark of a table of the model. */
  public static String table(Entity e) {
    final StringBuilder b = new StringBuilder(plain(e.description()));
    if (e.parent() != null) {
      b.append(" Reads GET ").append(e.path()).append(e.accepts(QueryOption.EXPAND) ? "?$expand=" + e.expand()
          : " (" + e.expand() + " inline)").append(", one row per item");
    } else if (e.isScannable()) {
      b.append(" Reads GET ").append(e.path());
    } else {
      final List<String> keys = e.lookups().stream().map(Lookup::keyColumn).distinct().toList();
      b.append(" Requires ").append(String.join(" or ", keys))
          .append(" in WHERE (= or IN, or a join that supplies it)");
      for (String p : e.lookups().get(0).parameters()) {
        b.append(" and ").append(p).append(" (=)"); // findbyip's time
      }
    }
    final List<String> keyed = e.lookups().stream().map(l -> "GET " + path(l)).toList();
    b.append(e.isScannable() ? (keyed.isEmpty() ? "" : "; by key: ") : ": ").append(String.join(", ", keyed));
    if (e.statsPath() != null) {
      b.append("; statistics: GET ").append(e.statsPath().replace("{key}", "{" + e.keyColumn() + "}"));
    }
    b.append(". Permission: ").append(e.readRole()).append(e.api() == Api.GRAPH ? " on Microsoft Graph." : ".");
    if (!e.primaryKey().isEmpty()) {
      // Avatica's driver does not ask the server for keys, so the key is told here too.
      b.append(" Primary key: ").append(String.join(", ", e.primaryKey())).append('.');
    }
    if (e.hasGraphSuccessor()) {
      b.append(" Retiring: the MDE API stops working after ").append(Api.MDE_RETIREMENT).append("; on Graph use ")
          .append(e.successor()).append('.');
    } else if (e.successor() != null) {
      b.append(" Retiring: the MDE API stops working after ").append(Api.MDE_RETIREMENT)
          .append("; Graph successor: ").append(e.successor()).append('.');
    }
    return b.toString();
  }

  /** The remark of a column of a table of the model. */
  public static String column(Entity e, Column c) {
    final List<String> parts = new ArrayList<>();
    parts.add(c.description());
    if (!c.enumValues().isEmpty()) {
      parts.add(members(c.enumValues()));
    }
    if (c.sqlType() == SqlType.VARCHAR_ARRAY) {
      parts.add("An array of VARCHAR.");
    }
    if (c.reference() != null) {
      parts.add("References " + c.reference() + ".");
    }
    parts.add(source(e, c));
    parts.add(filter(e, c));
    return String.join(" ", parts);
  }

  /** The remark of the connection test table. */
  public static String connectionStatusTable() {
    return "Tests the connection: one row for the Azure AD token, then one per permission the tables need, with"
        + " the fix when a check fails. Each read sends a token request and one API request per permission.";
  }

  /** The remark of a column of the connection test table, or null for an unknown one. */
  public static String connectionStatusColumn(String column) {
    return CONNECTION_STATUS_COLUMNS.get(column);
  }

  private static String source(Entity e, Column c) {
    final String json = String.join(".", c.jsonPath());
    return switch (c.origin()) {
      case PROPERTY -> "JSON: " + json + ".";
      case KEY -> "From the request path (the lookup key).";
      case PARENT -> "JSON: the alert's " + json + ".";
      case STATS -> "JSON: " + json + " of GET " + e.statsPath().replace("{key}", "{" + e.keyColumn() + "}")
          + ", one more request per row, only when selected.";
    };
  }

  private static String filter(Entity e, Column c) {
    final List<Lookup> lookups = e.lookupsBy(c.sqlName());
    final String lookup = lookups.isEmpty() ? "" : "= or IN looks rows up: " + lookups.stream()
        .map(l -> "GET " + path(l)).collect(Collectors.joining(", ")) + ".";
    if (c.filterOps().isEmpty()) {
      return lookup.isEmpty() ? "Not pushed down." : lookup;
    }
    final String ops = c.filterOps().stream().sorted(Comparator.naturalOrder()).map(FilterOperator::odata)
        .collect(Collectors.joining(", "));
    return "Pushed down: " + ops + "." + (lookup.isEmpty() ? "" : " " + lookup);
  }

  private static String members(List<String> members) {
    if (members.size() <= LISTED_MEMBERS) {
      return "Values: " + String.join(", ", members) + ".";
    }
    return "One of " + members.size() + " values, e.g. " + String.join(", ", members.subList(0, 4)) + ".";
  }

  /** A keyed endpoint with the key column's name where the key goes. */
  private static String path(Lookup l) {
    return l.pathTemplate().replace("{key}", "{" + l.keyColumn() + "}");
  }

  /** The model's descriptions are Markdown for the README; tools show plain text. */
  private static String plain(String markdown) {
    return markdown.replace("`", "").replace("\\\\", "\\");
  }
}
