package org.defendersql.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement of {@code sql/device-searches.sql} returns rows on the default emulated tenant (seed 42) with its
 * "now" fixed, and sends exactly the number of requests its comment says; findbyip answers another device for the
 * same address on another day, and neither is what {@code last_ip_address} says of the earlier day.
 */
class DeviceSearchesSqlTest {
  private static final Pattern COST = Pattern.compile("(\\d+) requests?\\.");
  private static DefenderEmulator emulator;
  private static Connection connection;

  @BeforeAll static void start() throws SQLException {
    emulator = DefenderEmulator.builder().now(Instant.parse("2026-12-01T00:00:00Z")).build().start();
    final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put("rateLimits", "off");
    connection = ExampleConnections.open(operand);
  }

  @AfterAll static void stop() throws SQLException {
    connection.close();
    emulator.close();
  }

  /** A statement and the request count its comment promises. */
  private record Search(String sql, int requests) {
  }

  private static List<Search> searches() throws IOException {
    final List<Search> out = new ArrayList<>();
    final StringBuilder comment = new StringBuilder();
    final StringBuilder sql = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("sql", "device-searches.sql"), StandardCharsets.UTF_8)) {
      if (line.trim().startsWith("--")) {
        comment.append(line).append(' ');
        continue;
      }
      sql.append(line).append('\n');
      if (line.trim().endsWith(";")) {
        final Matcher m = COST.matcher(comment);
        int cost = -1;
        while (m.find()) {
          cost = Integer.parseInt(m.group(1)); // the last count of the comment is the statement's
        }
        assertTrue(cost >= 0, "no request count in the comment of " + sql);
        final String s = sql.toString().trim();
        out.add(new Search(s.substring(0, s.length() - 1), cost));
        comment.setLength(0);
        sql.setLength(0);
      }
    }
    return out;
  }

  private static List<String> firstColumn(String sql) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(2));
      }
    }
    return values;
  }

  @Test void everySearchReturnsRowsAtItsCost() throws IOException, SQLException {
    final List<Search> searches = searches();
    assertTrue(searches.size() >= 12, "searches found: " + searches.size());
    for (Search search : searches) {
      emulator.clearRequestLog();
      int rows = 0;
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(search.sql())) {
        while (rs.next()) {
          rows++;
        }
      }
      assertTrue(rows > 0, "no rows from:\n" + search.sql());
      final long sent = emulator.requestLog().stream().filter(r -> r.path().startsWith("/api/")).count();
      assertEquals(search.requests(), sent, "requests of:\n" + search.sql() + "\n" + emulator.requestLog());
    }
  }

  @Test void findByIpIsNotTheLatestAddress() throws IOException, SQLException {
    final List<Search> searches = searches();
    final List<String> before = firstColumn(searches.get(0).sql());
    final List<String> after = firstColumn(searches.get(1).sql());
    final List<String> latest = firstColumn(searches.get(2).sql());
    assertEquals(List.of("desktop-7a21b68.contoso.com"), before);
    assertEquals(List.of("desktop-f9d4c7f.contoso.com"), after);
    assertEquals(after, latest);
    assertNotEquals(before, latest, "last_ip_address does not say who had the address on 20 November");
  }
}
