package org.defendersql.emulator.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.data.hunting.HuntingData;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hunting data is the tenant's: alert ids and evidence are the Defender API's, device ids its machines', file
 * hashes its files', logon accounts its logon users'; it is deterministic in the seed and read in time slices.
 */
class HuntingDataTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static DefenderEmulator emulator;
  private static HuntingData hunting;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(600).machines(40).huntingEventsPerMachinePerDay(2)
        .huntingDeviceInfoInterval(Duration.ofHours(8)).now(NOW).build().start();
    hunting = emulator.hunting();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static int at(Entity e, String sqlName) {
    return e.indexOf(e.column(sqlName).orElseThrow(() -> new AssertionError(e.tableName() + "." + sqlName)));
  }

  private static List<Object[]> rows(HuntingTable t) {
    return hunting.rows(t).toList();
  }

  private static Object v(HuntingTable t, Object[] row, String column) {
    return row[t.indexOf(column)];
  }

  @Test void alertInfoHoldsTheDefenderAlertsOfTheLastThirtyDays() {
    final Entity a = DefenderModel.ALERTS;
    final List<Object[]> alerts = emulator.data().rows(a).filter(r -> {
      final Instant t = (Instant) r[at(a, "alert_creation_time")];
      return !t.isBefore(hunting.start()) && t.isBefore(hunting.end());
    }).toList();
    final List<Object[]> info = rows(HuntingModel.ALERT_INFO);
    assertFalse(info.isEmpty());
    assertEquals(alerts.size(), info.size());
    for (int i = 0; i < info.size(); i++) {
      final HuntingTable t = HuntingModel.ALERT_INFO;
      assertEquals(alerts.get(i)[at(a, "id")], v(t, info.get(i), "AlertId"));
      assertEquals(alerts.get(i)[at(a, "title")], v(t, info.get(i), "Title"));
      assertEquals(alerts.get(i)[at(a, "severity")], v(t, info.get(i), "Severity"));
      assertEquals(alerts.get(i)[at(a, "category")], v(t, info.get(i), "Category"));
      assertEquals(alerts.get(i)[at(a, "alert_creation_time")], v(t, info.get(i), "Timestamp"));
    }
  }

  @Test void alertEvidenceIsEachDefenderEvidenceItemPlusTheAlertsDevice() {
    final Entity ev = DefenderModel.ALERT_EVIDENCE;
    final Set<String> inWindow = rows(HuntingModel.ALERT_INFO).stream().map(r -> (String) r[1])
        .collect(Collectors.toSet());
    final Map<String, List<String>> expected = new HashMap<>();
    emulator.data().rows(ev).filter(r -> inWindow.contains((String) r[at(ev, "alert_id")])
        && !"Machine".equals(r[at(ev, "entity_type")])).forEach(r ->
        expected.computeIfAbsent((String) r[at(ev, "alert_id")], k -> new ArrayList<>()).add(key(
            text(r[at(ev, "sha1")]), text(r[at(ev, "ip_address")]), text(r[at(ev, "url")]),
            text(r[at(ev, "account_name")]))));
    final HuntingTable t = HuntingModel.ALERT_EVIDENCE;
    final Map<String, List<String>> actual = new HashMap<>();
    final Set<String> withMachine = new HashSet<>();
    for (Object[] r : rows(t)) {
      if (v(t, r, "EntityType").equals("Machine")) {
        assertTrue(withMachine.add((String) v(t, r, "AlertId")), "one Machine row per alert");
        assertFalse(((String) v(t, r, "DeviceId")).isEmpty(), () -> Arrays.toString(r));
        continue;
      }
      actual.computeIfAbsent((String) v(t, r, "AlertId"), k -> new ArrayList<>()).add(key((String) v(t, r, "SHA1"),
          (String) v(t, r, "RemoteIP"), (String) v(t, r, "RemoteUrl"), (String) v(t, r, "AccountName")));
    }
    assertFalse(expected.isEmpty());
    assertEquals(expected, actual);
    // Every alert that fired on a device names it once.
    final Entity a = DefenderModel.ALERTS;
    assertEquals(emulator.data().rows(a).filter(r -> inWindow.contains((String) r[at(a, "id")])
        && r[at(a, "machine_id")] != null).map(r -> (String) r[at(a, "id")]).collect(Collectors.toSet()),
        withMachine);
  }

  private static String key(String... parts) {
    return String.join("|", parts);
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  @Test void deviceInfoReportsTheTenantsMachines() {
    final Entity m = DefenderModel.MACHINES;
    final Map<String, Object[]> machines = new HashMap<>();
    emulator.data().rows(m).forEach(r -> machines.put((String) r[at(m, "id")], r));
    final HuntingTable t = HuntingModel.DEVICE_INFO;
    final Set<String> reporting = new HashSet<>();
    // Per device, its names in time order: the latest is the machine's; one device was renamed once.
    final Map<String, List<String>> names = new HashMap<>();
    for (Object[] r : rows(t)) {
      final Object[] machine = machines.get((String) v(t, r, "DeviceId"));
      assertTrue(machine != null, "DeviceInfo of an unknown machine " + v(t, r, "DeviceId"));
      final List<String> seen = names.computeIfAbsent((String) v(t, r, "DeviceId"), k -> new ArrayList<>());
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(v(t, r, "DeviceName"))) {
        seen.add((String) v(t, r, "DeviceName"));
      }
      assertEquals(machine[at(m, "os_platform")], v(t, r, "OSPlatform"));
      assertTrue(!((Instant) v(t, r, "Timestamp")).isBefore((Instant) machine[at(m, "first_seen")]));
      reporting.add((String) v(t, r, "DeviceId"));
    }
    // Every onboarded machine seen in the last 30 days reports.
    final Set<String> active = machines.values().stream().filter(r -> "Onboarded".equals(r[at(m, "onboarding_status")])
        && r[at(m, "last_seen")] != null && ((Instant) r[at(m, "last_seen")]).isAfter(hunting.start().plus(
        Duration.ofHours(8)))).map(r -> (String) r[at(m, "id")]).collect(Collectors.toSet());
    assertFalse(active.isEmpty());
    assertTrue(reporting.containsAll(active), "missing: " + active.stream().filter(x -> !reporting.contains(x))
        .toList());
    for (Map.Entry<String, List<String>> e : names.entrySet()) {
      final List<String> n = e.getValue();
      assertEquals(machines.get(e.getKey())[at(m, "computer_dns_name")], n.get(n.size() - 1), e.getKey());
    }
    final List<List<String>> renamed = names.values().stream().filter(n -> n.size() > 1).toList();
    assertEquals(1, renamed.size(), "renamed devices: " + renamed);
    assertEquals(2, renamed.get(0).size(), renamed.toString());
    assertEquals(renamed.get(0).get(1).replaceFirst("\\.", "-old."), renamed.get(0).get(0));
  }

  @Test void theRenamedDevicesEventsCarryTheNameOfTheirTime() {
    final HuntingTable info = HuntingModel.DEVICE_INFO;
    final Map<String, Set<String>> names = new HashMap<>();
    for (Object[] r : rows(info)) {
      names.computeIfAbsent((String) v(info, r, "DeviceId"), k -> new HashSet<>()).add((String) v(info, r,
          "DeviceName"));
    }
    final String renamed = names.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
        .findFirst().orElseThrow();
    final HuntingTable logons = HuntingModel.DEVICE_LOGON_EVENTS;
    Instant lastOld = null;
    Instant firstNew = null;
    for (Object[] r : rows(logons)) {
      if (!renamed.equals(v(logons, r, "DeviceId"))) {
        continue;
      }
      final Instant time = (Instant) v(logons, r, "Timestamp");
      final String name = (String) v(logons, r, "DeviceName");
      assertTrue(names.get(renamed).contains(name), name);
      if (name.contains("-old.")) {
        lastOld = lastOld == null || time.isAfter(lastOld) ? time : lastOld;
      } else {
        firstNew = firstNew == null || time.isBefore(firstNew) ? time : firstNew;
      }
    }
    assertTrue(lastOld != null && firstNew != null && lastOld.isBefore(firstNew), lastOld + " / " + firstNew);
  }

  @Test void eventsNameTheTenantsDevicesFilesAndLogonUsers() {
    final Set<String> machineIds = emulator.data().rows(DefenderModel.MACHINES).map(r -> (String) r[at(
        DefenderModel.MACHINES, "id")]).collect(Collectors.toSet());
    final Entity f = DefenderModel.FILES;
    final Map<String, Object[]> files = new HashMap<>();
    emulator.data().rows(f).forEach(r -> files.put((String) r[at(f, "sha1")], r));
    final HuntingTable fe = HuntingModel.DEVICE_FILE_EVENTS;
    final List<Object[]> fileEvents = rows(fe);
    assertTrue(fileEvents.size() > 100, "events: " + fileEvents.size());
    for (Object[] r : fileEvents) {
      final Object[] file = files.get((String) v(fe, r, "SHA1"));
      assertTrue(file != null, "a hash the tenant does not know: " + v(fe, r, "SHA1"));
      assertEquals(file[at(f, "md5")], v(fe, r, "MD5"));
      assertEquals(file[at(f, "size")], v(fe, r, "FileSize"));
      assertTrue(machineIds.contains((String) v(fe, r, "DeviceId")));
    }
    for (HuntingTable t : List.of(HuntingModel.DEVICE_PROCESS_EVENTS, HuntingModel.DEVICE_NETWORK_EVENTS)) {
      for (Object[] r : rows(t)) {
        assertTrue(machineIds.contains((String) v(t, r, "DeviceId")), t.name());
        assertTrue(files.containsKey((String) v(t, r, "InitiatingProcessSHA1")), t.name());
      }
    }
    final Entity u = DefenderModel.USERS;
    final Set<String> logonUsers = emulator.data().rows(u).map(r -> r[at(u, "machine_id")] + "|" + r[at(u,
        "account_name")]).collect(Collectors.toSet());
    final HuntingTable le = HuntingModel.DEVICE_LOGON_EVENTS;
    final List<Object[]> logons = rows(le);
    assertFalse(logons.isEmpty());
    for (Object[] r : logons) {
      assertTrue(logonUsers.contains(v(le, r, "DeviceId") + "|" + v(le, r, "AccountName")),
          "not a logon user of the machine: " + v(le, r, "AccountName"));
    }
  }

  @Test void everyValueHasItsColumnsTypeAndStringsAreNeverNull() {
    for (HuntingTable t : HuntingModel.tables()) {
      final List<Object[]> rows = rows(t);
      assertFalse(rows.isEmpty(), t.name());
      for (Object[] r : rows) {
        assertEquals(t.columns().size(), r.length, t.name());
        for (int i = 0; i < r.length; i++) {
          final var c = t.columns().get(i);
          final Class<?> expected = switch (c.type()) {
            case STRING, DYNAMIC, GUID -> String.class;
            case LONG -> Long.class;
            case INT -> Integer.class;
            case BOOL -> Boolean.class;
            case DATETIME -> Instant.class;
            case DOUBLE -> Double.class;
            case TIMESPAN -> Duration.class;
          };
          if (c.type() == org.defendersql.model.hunting.KqlType.STRING) {
            assertTrue(r[i] != null, () -> t.name() + "." + c.name() + " is null");
          }
          final Object value = r[i];
          assertTrue(value == null || expected.isInstance(value), () -> t.name() + "." + c.name() + ": "
              + value.getClass());
        }
      }
    }
  }

  @Test void tvmVulnerabilitiesAreOfInstalledSoftware() {
    final HuntingTable inv = HuntingModel.DEVICE_TVM_SOFTWARE_INVENTORY;
    final HuntingTable vul = HuntingModel.DEVICE_TVM_SOFTWARE_VULNERABILITIES;
    final Set<String> installed = rows(inv).stream().map(r -> key((String) v(inv, r, "DeviceId"),
        (String) v(inv, r, "SoftwareVendor"), (String) v(inv, r, "SoftwareName"), (String) v(inv, r,
        "SoftwareVersion"))).collect(Collectors.toSet());
    final List<Object[]> vulnerabilities = rows(vul);
    assertFalse(vulnerabilities.isEmpty());
    for (Object[] r : vulnerabilities) {
      assertTrue(installed.contains(key((String) v(vul, r, "DeviceId"), (String) v(vul, r, "SoftwareVendor"),
          (String) v(vul, r, "SoftwareName"), (String) v(vul, r, "SoftwareVersion"))));
      assertTrue(((String) v(vul, r, "CveId")).matches("CVE-\\d{4}-\\d{4,}"));
    }
  }

  @Test void deterministicInTheSeed() {
    try (DefenderEmulator same = DefenderEmulator.builder().alerts(600).machines(40).huntingEventsPerMachinePerDay(2)
        .huntingDeviceInfoInterval(Duration.ofHours(8)).now(NOW).build().start();
        DefenderEmulator other = DefenderEmulator.builder().seed(7).alerts(600).machines(40)
            .huntingEventsPerMachinePerDay(2).huntingDeviceInfoInterval(Duration.ofHours(8)).now(NOW).build()
            .start()) {
      for (HuntingTable t : HuntingModel.tables()) {
        final List<Object[]> a = hunting.rows(t).limit(300).toList();
        final List<Object[]> b = same.hunting().rows(t).limit(300).toList();
        assertEquals(a.size(), b.size(), t.name());
        for (int i = 0; i < a.size(); i++) {
          assertTrue(Arrays.deepEquals(a.get(i), b.get(i)), t.name() + " row " + i);
        }
        final List<Object[]> c = other.hunting().rows(t).limit(300).toList();
        assertFalse(a.size() == c.size() && java.util.stream.IntStream.range(0, a.size()).allMatch(i ->
            Arrays.deepEquals(a.get(i), c.get(i))), t.name() + " is the same under another seed");
      }
    }
  }

  @Test void aMillionEventsAreReadInTimeSlicesWithoutGeneratingTheRest() {
    try (DefenderEmulator big = DefenderEmulator.builder().alerts(100).machines(20).huntingEventsPerMachinePerDay(5000)
        .now(NOW).build().start()) {
      final HuntingData h = big.hunting();
      final long total = HuntingModel.tables().stream().filter(t -> t.name().endsWith("Events"))
          .mapToLong(h::size).sum();
      assertTrue(total >= 1_000_000, "events: " + total);
      final Instant from = NOW.minus(Duration.ofDays(3)).minus(Duration.ofMinutes(17));
      final Instant to = from.plus(Duration.ofHours(1));
      final List<Object[]> slice = h.rows(HuntingModel.DEVICE_PROCESS_EVENTS, from, to).toList();
      final long inside = slice.stream().filter(r -> !((Instant) r[0]).isBefore(from) && ((Instant) r[0])
          .isBefore(to)).count();
      final double expected = h.size(HuntingModel.DEVICE_PROCESS_EVENTS) / 720.0;
      assertTrue(Math.abs(inside - expected) < expected * 0.05, inside + " vs " + expected);
      assertTrue(slice.size() - inside <= 4, "the slice reads its own rows only: " + slice.size());
      for (int i = 1; i < slice.size(); i++) {
        assertFalse(((Instant) slice.get(i)[0]).isBefore((Instant) slice.get(i - 1)[0]), "time order");
      }
      // The same slice through the endpoint, with its exact window.
      final HuntingClient c = new HuntingClient(big);
      assertEquals(inside, c.results("DeviceProcessEvents | count", from + "/" + to).get(0).get("Count").asLong());
      assertEquals(inside, c.results("DeviceProcessEvents | where Timestamp >= datetime(" + from + ") and Timestamp "
          + "< datetime(" + to + ") | count", null).get(0).get("Count").asLong());
    }
  }
}
