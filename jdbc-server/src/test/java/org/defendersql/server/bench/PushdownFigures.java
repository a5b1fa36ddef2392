package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * Requests sent by selective analyst queries over the server, each as a statement with literals and as a prepared
 * statement with parameters, against the fewest requests that can answer it (one per page of its result).
 */
final class PushdownFigures {
  private final DefenderEmulator emulator;
  private final String jdbcUrl;

  /** One query of the suite: its literal form, its parameterised form and the parameters' values. */
  private record Query(String literal, String prepared, List<Object> values) {
  }

  PushdownFigures(DefenderEmulator emulator, String jdbcUrl) {
    this.emulator = emulator;
    this.jdbcUrl = jdbcUrl;
  }

  List<Figure> run() throws SQLException {
    long literal = 0;
    long prepared = 0;
    long minimum = 0;
    System.out.println("\n== pushdown: requests of selective queries, literals and parameters (cache off)");
    System.out.printf(Locale.ROOT, "  %7s %8s %7s  %s%n", "literal", "prepared", "minimum", "query");
    try (Connection c = Uncached.connect(jdbcUrl)) {
      for (Query q : suite()) {
        emulator.clearRequestLog();
        final int rows = literalRows(c, q.literal());
        final long a = apiRequests();
        emulator.clearRequestLog();
        final int rows2 = preparedRows(c, q.prepared(), q.values());
        final long b = apiRequests();
        if (rows != rows2) {
          throw new IllegalStateException(rows + " rows with literals, " + rows2 + " with parameters: " + q.literal());
        }
        // One request per page of the result: what a hand-written client of the API would send.
        final long min = Math.max(1, (rows + Entity.MDE_MAX_TOP - 1) / Entity.MDE_MAX_TOP);
        System.out.printf(Locale.ROOT, "  %7d %8d %7d  %s  (%d rows)%n", a, b, min, q.literal(), rows);
        literal += a;
        prepared += b;
        minimum += min;
      }
    }
    final double lr = (double) literal / minimum;
    final double pr = (double) prepared / minimum;
    return List.of(
        new Figure("pushdown suite, literals: requests / minimum", fmt(lr) + " (" + literal + "/" + minimum + ")",
            "1.00", lr <= 1.0),
        new Figure("pushdown suite, parameters: requests / minimum", fmt(pr) + " (" + prepared + "/" + minimum + ")",
            "1.00", pr <= 1.0));
  }

  private List<Query> suite() {
    final Object[] alert = emulator.data().rows(DefenderModel.ALERTS).skip(1234).findFirst().orElseThrow();
    final Object[] machine = emulator.data().rows(DefenderModel.MACHINES).skip(77).findFirst().orElseThrow();
    final String alertId = (String) value(DefenderModel.ALERTS, alert, "id");
    final Object incident = value(DefenderModel.ALERTS, alert, "incident_id");
    final Instant created = (Instant) value(DefenderModel.ALERTS, alert, "alert_creation_time");
    final String machineId = (String) value(DefenderModel.MACHINES, machine, "id");
    final String dnsName = (String) value(DefenderModel.MACHINES, machine, "computer_dns_name");
    final String sha1 = (String) value(DefenderModel.FILES,
        emulator.data().rows(DefenderModel.FILES).findFirst().orElseThrow(), "sha1");
    final String after = created.toString().replace('T', ' ').replace("Z", "");
    return List.of(
        new Query("select id, title from alerts where id = '" + alertId + "'",
            "select id, title from alerts where id = ?", List.of(alertId)),
        new Query("select id from alerts where incident_id = " + incident,
            "select id from alerts where incident_id = ?", List.of(incident)),
        new Query("select id from alerts where alert_creation_time > timestamp '" + after + "' and severity = 'High'",
            "select id from alerts where alert_creation_time > ? and severity = ?",
            List.of(Timestamp.from(created), "High")),
        new Query("select id from alerts where severity in ('High', 'Medium') and status = 'New' limit 20",
            "select id from alerts where severity in (?, ?) and status = ? limit ?",
            List.of("High", "Medium", "New", 20)),
        new Query("select id from alerts order by alert_creation_time desc limit 10 offset 5",
            "select id from alerts order by alert_creation_time desc limit ? offset ?", List.of(10, 5)),
        new Query("select id, computer_dns_name from machines where id = '" + machineId + "'",
            "select id, computer_dns_name from machines where id = ?", List.of(machineId)),
        new Query("select id from machines where computer_dns_name = '" + dnsName + "'",
            "select id from machines where computer_dns_name = ?", List.of(dnsName)),
        new Query("select sha1, file_type from files where sha1 = '" + sha1 + "'",
            "select sha1, file_type from files where sha1 = ?", List.of(sha1)));
  }

  static Object value(Entity e, Object[] row, String column) {
    return row[e.indexOf(e.column(column).orElseThrow())];
  }

  private long apiRequests() {
    return emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
  }

  private static int literalRows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return count(rs);
    }
  }

  private static int preparedRows(Connection c, String sql, List<Object> values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        ps.setObject(i + 1, values.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return count(rs);
      }
    }
  }

  private static int count(ResultSet rs) throws SQLException {
    int n = 0;
    while (rs.next()) {
      n++;
    }
    return n;
  }

  static String fmt(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }
}
