package org.defendersql.adapter.hunting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defendersql.emulator.data.hunting.HuntingData;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * The derived hunting tables computed in Java from the emulator's raw hunting rows (the service's default window),
 * independently of any KQL: what {@code device_context}, {@code device_users} and {@code file_prevalence} must
 * answer. Rows hold KQL values in the derived table's column order; {@link #text} writes a row as the SQL rows are
 * written by {@link #sql}, for comparison.
 */
final class ContextRows {
  private ContextRows() {
  }

  /** Each device's report with the greatest time, in DeviceInfo's column order; fails on a tie. */
  static List<Object[]> deviceContext(HuntingData hunting) {
    final HuntingTable t = HuntingModel.DEVICE_INFO;
    final int id = t.indexOf("DeviceId");
    final int time = t.indexOf("Timestamp");
    final Map<String, Object[]> latest = new LinkedHashMap<>();
    hunting.rows(t).forEach(r -> {
      final Object[] best = latest.get((String) r[id]);
      if (best != null && ((Instant) best[time]).equals(r[time])) {
        throw new AssertionError("two reports of " + r[id] + " at " + r[time] + ": the latest is not one row");
      }
      if (best == null || ((Instant) r[time]).isAfter((Instant) best[time])) {
        latest.put((String) r[id], r);
      }
    });
    return List.copyOf(latest.values());
  }

  /**
   * Successful logons per device, device name and account: DeviceId, DeviceName, AccountDomain, AccountName,
   * AccountSid, first and last time, count.
   */
  static List<Object[]> deviceUsers(HuntingData hunting) {
    final HuntingTable t = HuntingModel.DEVICE_LOGON_EVENTS;
    final int[] keys = {t.indexOf("DeviceId"), t.indexOf("DeviceName"), t.indexOf("AccountDomain"),
        t.indexOf("AccountName"), t.indexOf("AccountSid")};
    final int time = t.indexOf("Timestamp");
    final int action = t.indexOf("ActionType");
    final Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
    hunting.rows(t).filter(r -> "LogonSuccess".equals(r[action])).forEach(r -> {
      final List<Object> key = new ArrayList<>();
      for (int k : keys) {
        key.add(r[k]);
      }
      final Instant at = (Instant) r[time];
      final Object[] g = groups.computeIfAbsent(key, k -> {
        final Object[] row = new Object[8];
        for (int i = 0; i < 5; i++) {
          row[i] = k.get(i);
        }
        row[5] = at;
        row[6] = at;
        row[7] = 0L;
        return row;
      });
      g[5] = at.isBefore((Instant) g[5]) ? at : g[5];
      g[6] = at.isAfter((Instant) g[6]) ? at : g[6];
      g[7] = (Long) g[7] + 1;
    });
    return List.copyOf(groups.values());
  }

  /**
   * Files of file and process events with a SHA-1, per SHA-1 and file name: SHA1, FileName, the SHA-256 some event
   * of the file has (every such event has the same one), distinct devices, first and last time.
   */
  static List<Object[]> filePrevalence(HuntingData hunting) {
    final Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
    final Map<List<Object>, Set<Object>> devices = new HashMap<>();
    final Map<Object, String> sha256 = new HashMap<>();
    for (HuntingTable t : List.of(HuntingModel.DEVICE_FILE_EVENTS, HuntingModel.DEVICE_PROCESS_EVENTS)) {
      final int sha1 = t.indexOf("SHA1");
      final int name = t.indexOf("FileName");
      final int sha2 = t.indexOf("SHA256");
      final int device = t.indexOf("DeviceId");
      final int time = t.indexOf("Timestamp");
      hunting.rows(t).filter(r -> !"".equals(r[sha1])).forEach(r -> {
        final List<Object> key = List.of(r[sha1], r[name]);
        final Instant at = (Instant) r[time];
        final Object[] g = groups.computeIfAbsent(key, k -> new Object[] {k.get(0), k.get(1), "", 0L, at, at});
        g[4] = at.isBefore((Instant) g[4]) ? at : g[4];
        g[5] = at.isAfter((Instant) g[5]) ? at : g[5];
        devices.computeIfAbsent(key, k -> new HashSet<>()).add(r[device]);
        if (!"".equals(r[sha2])) {
          final String known = sha256.putIfAbsent(r[sha1], (String) r[sha2]);
          if (known != null && !known.equals(r[sha2])) {
            throw new AssertionError("SHA-1 " + r[sha1] + " has two SHA-256s");
          }
        }
      });
    }
    for (Map.Entry<List<Object>, Object[]> e : groups.entrySet()) {
      e.getValue()[2] = sha256.getOrDefault(e.getKey().get(0), "");
      e.getValue()[3] = (long) devices.get(e.getKey()).size();
    }
    return List.copyOf(groups.values());
  }

  /** A row as text: an empty string is NULL (as the adapter reads it), a time its epoch milliseconds. */
  static String text(Object[] row) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      b.append(i > 0 ? "|" : "").append(cell(row[i]));
    }
    return b.toString();
  }

  /** The rows as text, sorted. */
  static List<String> texts(List<Object[]> rows) {
    final List<String> out = new ArrayList<>(rows.stream().map(ContextRows::text).toList());
    out.sort(null);
    return out;
  }

  private static String cell(Object v) {
    if (v == null || "".equals(v)) {
      return "null";
    }
    if (v instanceof Instant t) {
      return Long.toString(t.toEpochMilli());
    }
    if (v instanceof Timestamp t) {
      return Long.toString(t.getTime());
    }
    return v.toString();
  }

  /** The rows of a query with parameters, as text, sorted unless {@code ordered}. */
  static List<String> sql(Connection c, String sql, boolean ordered, Object... parameters) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        final int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          final Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          out.add(text(row));
        }
      }
    }
    if (!ordered) {
      out.sort(null);
    }
    return out;
  }
}
