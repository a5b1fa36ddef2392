package org.defendersql.adapter.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.kql.KqlEngine;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.defendersql.model.settings.Setting;

/**
 * Runs 20 hunting queries against an emulated tenant of over a million device events with pushdown on and off,
 * and prints per query and in total the hunting requests sent, the rows their answers transferred, the rows
 * returned and the time to the first row. Rows transferred are counted by running each logged KQL again inside the
 * emulator's KQL engine (no second HTTP round trip). Not a test: run it with
 * {@code ./mvnw -q -B -pl adapter exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.defendersql.adapter.bench.HuntingBenchmark [-Dexec.args="2000 19"]} (machines, events per
 * machine and day: about 1,050,000 events, as only onboarded machines report).
 */
public final class HuntingBenchmark {
  private final DefenderEmulator emulator;

  private HuntingBenchmark(DefenderEmulator emulator) {
    this.emulator = emulator;
  }

  public static void main(String[] args) throws Exception {
    final int machines = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    final double perDay = args.length > 1 ? Double.parseDouble(args[1]) : 19;
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(machines * 10).machines(machines).seed(3)
        .now(Instant.now()).huntingEventsPerMachinePerDay(perDay).huntingDeviceInfoInterval(Duration.ofHours(24))
        .build().start()) {
      new HuntingBenchmark(emulator).run();
    }
  }

  /** The queries: hunts analysts write, each a question of one or two hunting tables. */
  private List<String> queries() {
    final String sha1 = emulator.hunting().rows(HuntingModel.DEVICE_FILE_EVENTS).map(r -> (String) r[
        HuntingModel.DEVICE_FILE_EVENTS.indexOf("SHA1")]).filter(s -> !s.isEmpty()).skip(1000).findFirst().orElse("");
    final String account = emulator.hunting().rows(HuntingModel.DEVICE_LOGON_EVENTS).map(r -> (String) r[
        HuntingModel.DEVICE_LOGON_EVENTS.indexOf("AccountName")]).skip(500).findFirst().orElse("");
    final String p = "hunting.DeviceProcessEvents";
    final String n = "hunting.DeviceNetworkEvents";
    final String f = "hunting.DeviceFileEvents";
    final String l = "hunting.DeviceLogonEvents";
    return List.of(
        "select \"DeviceName\", \"ProcessCommandLine\" from " + p + " where \"FileName\" = 'powershell.exe'"
            + " and \"ProcessCommandLine\" like '%-EncodedCommand%'",
        "select \"DeviceName\", \"FileName\" from " + p + " where \"Timestamp\" > current_timestamp - interval '1'"
            + " day and \"FileName\" in ('mimikatz.exe', 'rubeus.exe', 'procdump64.exe')",
        "select \"DeviceName\", count(*) from " + p + " where \"FileName\" = 'rundll32.exe' group by \"DeviceName\""
            + " order by 2 desc limit 10",
        "select count(*) from " + n + " where \"RemotePort\" = 3389",
        "select \"RemoteIP\", count(*) from " + n + " where \"RemoteIPType\" = 'Public' group by \"RemoteIP\""
            + " having count(*) > 20",
        "select \"DeviceName\", \"RemoteUrl\" from " + n + " where \"RemoteUrl\" like '%.ru'",
        "select \"AccountName\", count(*) from " + l + " where \"ActionType\" = 'LogonFailed' group by"
            + " \"AccountName\" order by 2 desc limit 20",
        "select * from " + l + " where \"AccountName\" = '" + account + "' and \"Timestamp\" > current_timestamp"
            + " - interval '7' day",
        "select \"DeviceName\", \"FolderPath\", \"Timestamp\" from " + f + " where \"SHA1\" = '" + sha1 + "'",
        "select \"FileName\", count(distinct \"DeviceId\") from " + f + " where \"ActionType\" = 'FileCreated'"
            + " group by \"FileName\" order by 2 desc limit 10",
        "select \"DeviceName\", \"FileName\", \"Timestamp\" from " + p + " order by \"Timestamp\" desc limit 100",
        "select \"DeviceName\", max(\"Timestamp\") from hunting.DeviceInfo group by \"DeviceName\"",
        "select \"OSPlatform\", count(distinct \"DeviceId\") from hunting.DeviceInfo group by \"OSPlatform\"",
        "select i.\"Title\", count(*) from hunting.AlertInfo i join hunting.AlertEvidence e on e.\"AlertId\" ="
            + " i.\"AlertId\" where e.\"EntityType\" = 'File' group by i.\"Title\"",
        "select p.\"DeviceName\", p.\"FileName\" from " + p + " p join hunting.AlertEvidence e on e.\"SHA1\" ="
            + " p.\"SHA1\" where e.\"EntityType\" = 'File' and p.\"Timestamp\" > current_timestamp - interval '1' day",
        "select \"DeviceName\", count(*) from " + n + " where \"Timestamp\" > current_timestamp - interval '3' day"
            + " and \"ActionType\" = 'ConnectionFailed' group by \"DeviceName\"",
        "select * from " + p + " where \"InitiatingProcessFileName\" = 'mshta.exe' and \"FileName\" in ('cmd.exe',"
            + " 'powershell.exe')",
        "select \"ActionType\", count(*) from " + f + " group by \"ActionType\"",
        "select \"DeviceName\", \"AccountName\" from " + l + " where \"IsLocalAdmin\" and \"LogonType\" ="
            + " 'RemoteInteractive' limit 50",
        "select \"DeviceName\", min(\"Timestamp\"), max(\"Timestamp\") from " + l + " where \"AccountName\" = '"
            + account + "' group by \"DeviceName\"");
  }

  private void run() throws SQLException {
    long events = 0;
    for (HuntingTable t : List.of(HuntingModel.DEVICE_PROCESS_EVENTS, HuntingModel.DEVICE_NETWORK_EVENTS,
        HuntingModel.DEVICE_FILE_EVENTS, HuntingModel.DEVICE_LOGON_EVENTS)) {
      events += emulator.hunting().size(t);
    }
    final Map<String, Object> operand = DefenderModels.operand(emulator.environment());
    operand.put(Setting.GRAPH_URL.operand, emulator.graphUrl());
    operand.put(Setting.RATE_LIMITS.operand, "off");
    operand.put(Setting.HUNTING_RATE_LIMITS.operand, "off");
    // Every query must send its requests: they are what is counted.
    operand.put(Setting.CACHE.operand, "off");
    final String model = DefenderModels.inline(operand);
    final List<String> queries = queries();
    System.out.printf(Locale.ROOT, "%d hunting queries, emulated tenant of %,d device events%n", queries.size(),
        events);
    System.out.printf(Locale.ROOT, "%-3s %7s %7s %11s %11s %8s %9s %9s %8s%n", "#", "req on", "req off",
        "rows on", "rows off", "returned", "1st on", "1st off", "rows x");
    final long[] total = new long[6];
    try (Connection on = EmulatedTenant.connect(model);
         Connection off = EmulatedTenant.connect(DefenderModels.withoutPushdown(model))) {
      for (int i = 0; i < queries.size(); i++) {
        final long[] a = measure(on, queries.get(i));
        final long[] b = measure(off, queries.get(i));
        if (a[2] != b[2]) {
          throw new IllegalStateException("different row counts (" + a[2] + ", " + b[2] + ") for " + queries.get(i));
        }
        System.out.printf(Locale.ROOT, "%-3d %7d %7d %11d %11d %8d %7d ms %6d ms %7.0fx  %s%n", i + 1, a[0], b[0],
            a[1], b[1], a[2], a[3], b[3], (double) b[1] / Math.max(1, a[1]), queries.get(i));
        for (int k = 0; k < 2; k++) {
          total[k] += k == 0 ? a[0] : b[0];
          total[k + 2] += k == 0 ? a[1] : b[1];
          total[k + 4] += k == 0 ? a[3] : b[3];
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-3s %7d %7d %11d %11d %8s %7d ms %6d ms %7.0fx%n", "all", total[0], total[1],
        total[2], total[3], "", total[4], total[5], (double) total[3] / Math.max(1, total[2]));
  }

  /** Requests sent, rows their answers transferred, rows returned, milliseconds to the first row. */
  private long[] measure(Connection c, String sql) throws SQLException {
    emulator.clearRequestLog();
    long returned = 0;
    long firstRow = -1;
    final long start = System.nanoTime();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        if (returned++ == 0) {
          firstRow = (System.nanoTime() - start) / 1_000_000;
        }
      }
    }
    if (firstRow < 0) {
      firstRow = (System.nanoTime() - start) / 1_000_000;
    }
    long requests = 0;
    long transferred = 0;
    for (RecordedRequest r : emulator.requestLog()) {
      if (r.kql() != null && r.status() == 200) {
        requests++;
        transferred += rowsOf(r);
      } else if (r.kql() != null) {
        requests++;
      }
    }
    return new long[] {requests, transferred, returned, firstRow};
  }

  /** The rows of a logged hunting answer: its KQL run again by the emulator's engine over the same window. */
  private long rowsOf(RecordedRequest r) {
    final Instant now = emulator.hunting().end();
    Instant from = now.minus(HuntingModel.DATA_WINDOW);
    Instant to = now;
    if (r.timespan() != null) {
      final String[] parts = r.timespan().split("/");
      from = Instant.parse(parts[0]);
      to = parts.length > 1 ? Instant.parse(parts[1]) : now;
    }
    final KqlEngine.Prepared prepared = KqlEngine.prepare(r.kql(), now, HuntingModel.MAX_ROWS);
    return prepared.run(emulator.hunting(), from, to).limit(HuntingModel.MAX_ROWS).count();
  }
}
