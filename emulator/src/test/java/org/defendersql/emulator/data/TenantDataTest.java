package org.defendersql.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.defendersql.emulator.odata.EdmDateTime;
import org.defendersql.model.Column;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated tenant: determinism, types per the model, internal consistency and realistic distributions. */
class TenantDataTest {
  private static final Entity ALERTS = DefenderModel.ALERTS;
  private static final Entity MACHINES = DefenderModel.MACHINES;
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00.1234567Z");
  private static final String TENANT = "4a3c2b1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  private static final int ALERT_COUNT = 20_000;

  private static Tenant tenant;
  private static List<Object[]> alerts;
  private static List<Object[]> machines;

  @BeforeAll static void generate() {
    tenant = Tenant.generate(42, 2_000, ALERT_COUNT, NOW, TENANT);
    alerts = rows(tenant, ALERTS);
    machines = rows(tenant, MACHINES);
  }

  private static List<Object[]> rows(Tenant t, Entity e) {
    final EntityTable table = t.table(e);
    return IntStream.range(0, (int) table.size()).mapToObj(i -> table.row(i, true)).toList();
  }

  private static Object v(Entity e, Object[] row, String path) {
    return row[new RowShape(e).index(path)];
  }

  private static final RowShape A = new RowShape(ALERTS);
  private static final RowShape M = new RowShape(MACHINES);

  private static Object a(Object[] row, String path) {
    return row[A.index(path)];
  }

  private static Object m(Object[] row, String path) {
    return row[M.index(path)];
  }

  @Test void sameSeedSameRowsOtherSeedOtherRows() {
    final Tenant again = Tenant.generate(42, 2_000, ALERT_COUNT, NOW, TENANT);
    final EntityTable table = again.table(ALERTS);
    for (int i = 0; i < ALERT_COUNT; i += 97) {
      assertTrue(Arrays.deepEquals(alerts.get(i), table.row(i, true)), "alert " + i);
    }
    // Lazily generated rows do not depend on the order they are asked for.
    assertTrue(Arrays.deepEquals(alerts.get(5000), again.table(ALERTS).row(5000, true)));
    final List<Object[]> machinesAgain = rows(again, MACHINES);
    for (int i = 0; i < machines.size(); i++) {
      assertTrue(Arrays.deepEquals(machines.get(i), machinesAgain.get(i)), "machine " + i);
    }
    final Tenant other = Tenant.generate(43, 2_000, ALERT_COUNT, NOW, TENANT);
    assertFalse(Arrays.deepEquals(alerts.get(0), other.table(ALERTS).row(0, true)));
  }

  @Test void valuesHaveTheModelsJavaTypesAndNullability() {
    for (Object[] row : alerts.subList(0, 3_000)) {
      assertTyped(ALERTS, row);
    }
    for (Object[] row : machines) {
      assertTyped(MACHINES, row);
    }
  }

  private static void assertTyped(Entity e, Object[] row) {
    assertEquals(e.columns().size(), row.length);
    for (Column c : e.columns()) {
      final Object value = row[e.indexOf(c)];
      if (!c.nullable() || c.edmType() == org.defendersql.model.EdmType.STRING_COLLECTION
          || c.edmType() == org.defendersql.model.EdmType.COMPLEX_COLLECTION) {
        assertNotNull(value, e.tableName() + "." + c.sqlName());
      }
      if (value == null) {
        continue;
      }
      final Class<?> expected = switch (c.edmType()) {
        case STRING, ENUM, GUID -> String.class;
        case INT32 -> Integer.class;
        case INT64 -> Long.class;
        case DOUBLE -> Double.class;
        case BOOLEAN -> Boolean.class;
        case DATE_TIME_OFFSET -> Instant.class;
        case STRING_COLLECTION, COMPLEX_COLLECTION -> List.class;
      };
      assertTrue(expected.isInstance(value), c.sqlName() + " is " + value.getClass());
      if (c.edmType() == org.defendersql.model.EdmType.ENUM && !c.enumValues().isEmpty()) {
        assertTrue(c.enumValues().contains(value), c.sqlName() + " = " + value);
      }
      if (value instanceof Instant t) {
        assertEquals(0, t.getNano() % 100, "100 ns precision");
      }
      if (c.edmType() == org.defendersql.model.EdmType.COMPLEX_COLLECTION) {
        for (Object item : (List<?>) value) {
          final Map<?, ?> map = (Map<?, ?>) item;
          for (Column f : c.elementType().fields()) {
            assertTrue(map.containsKey(f.jsonName()));
            if (!f.nullable()) {
              assertNotNull(map.get(f.jsonName()), c.sqlName() + "." + f.jsonName());
            }
          }
        }
      }
    }
  }

  @Test void alertTimesAreOrderedAndConsistent() {
    Instant previous = Instant.MIN;
    for (Object[] row : alerts) {
      final Instant created = (Instant) a(row, "alertCreationTime");
      final Instant first = (Instant) a(row, "firstEventTime");
      final Instant last = (Instant) a(row, "lastEventTime");
      final Instant updated = (Instant) a(row, "lastUpdateTime");
      final Instant resolved = (Instant) a(row, "resolvedTime");
      assertFalse(created.isBefore(previous), "ordered by creation");
      previous = created;
      assertTrue(created.isAfter(NOW.minusSeconds(91L * 86_400)) && !created.isAfter(NOW));
      assertFalse(first.isAfter(last) || last.isAfter(created), "events before creation");
      assertFalse(updated.isBefore(created) || updated.isAfter(NOW));
      final String status = (String) a(row, "status");
      assertEquals(status.equals("Resolved"), resolved != null);
      if (resolved != null) {
        assertFalse(resolved.isBefore(created) || updated.isBefore(resolved), "updated at or after resolving");
      }
      if (status.equals("New")) {
        assertNull(a(row, "classification"));
      }
      if (a(row, "determination") != null) {
        assertNotNull(a(row, "classification"));
      }
      if (a(row, "investigationId") != null) {
        assertNotNull(a(row, "investigationState"));
      }
    }
  }

  @Test void alertsMatchTheirMachines() {
    final Map<String, Object[]> byId = machines.stream()
        .collect(Collectors.toMap(r -> (String) m(r, "id"), Function.identity()));
    int withoutMachine = 0;
    for (Object[] row : alerts) {
      final String machineId = (String) a(row, "machineId");
      if (machineId == null) {
        withoutMachine++;
        assertEquals("OfficeATP", a(row, "detectionSource"));
        continue;
      }
      final Object[] machine = byId.get(machineId);
      assertNotNull(machine, machineId);
      assertEquals(m(machine, "computerDnsName"), a(row, "computerDnsName"));
      assertEquals(m(machine, "rbacGroupName"), a(row, "rbacGroupName"));
      assertEquals("Onboarded", m(machine, "onboardingStatus"));
      final List<?> loggedOn = (List<?>) a(row, "loggedOnUsers");
      assertFalse(loggedOn.isEmpty());
      final Object user = a(row, "relatedUser/userName");
      if (user != null) {
        assertTrue(loggedOn.stream().anyMatch(u -> ((Map<?, ?>) u).get("accountName").equals(user)), "related "
            + "user logged on to the device");
      }
      assertEquals(TENANT, a(row, "aadTenantId"));
    }
    assertTrue(withoutMachine > 0 && withoutMachine < ALERT_COUNT / 10, "some Office alerts have no device");
  }

  @Test void realisticDistributions() {
    final Map<Object, Long> severity = count(alerts, "severity");
    assertShare(severity, "Informational", 0.10, 0.20);
    assertShare(severity, "Low", 0.29, 0.40);
    assertShare(severity, "Medium", 0.29, 0.40);
    assertShare(severity, "High", 0.12, 0.22);
    final Map<Object, Long> status = count(alerts, "status");
    assertEquals(Set.of("New", "InProgress", "Resolved"), status.keySet());
    final Map<Object, Long> sources = count(alerts, "detectionSource");
    assertTrue(sources.keySet().containsAll(List.of("WindowsDefenderAtp", "WindowsDefenderAv",
        "AutomatedInvestigation", "CustomDetection", "OfficeATP", "WindowsDefenderSmartScreen", "CustomerTI",
        "ThreatExperts")), sources.toString());
    assertShare(sources, "WindowsDefenderAtp", 0.35, 0.55);
    assertShare(sources, "WindowsDefenderAv", 0.18, 0.32);
    assertTrue(count(alerts, "category").size() >= 12);
    assertTrue(count(alerts, "title").size() >= 25);
    final Map<Object, Long> platforms = count(machines, "osPlatform");
    assertTrue(platforms.keySet().containsAll(List.of("Windows10", "Windows11", "Linux", "macOS")),
        platforms.toString());
    assertTrue(platforms.keySet().stream().anyMatch(p -> ((String) p).startsWith("WindowsServer")));
    assertTrue(machines.stream().anyMatch(r -> m(r, "vmMetadata/vmId") != null));
    assertTrue(machines.stream().anyMatch(r -> !((List<?>) m(r, "machineTags")).isEmpty()));
  }

  @Test void identifiersLookReal() {
    final Set<String> ids = new HashSet<>();
    for (Object[] row : alerts) {
      final String id = (String) a(row, "id");
      assertTrue(id.matches("da\\d{18}_-?\\d{1,10}"), id);
      assertTrue(ids.add(id));
    }
    final Set<String> machineIds = new HashSet<>();
    final Set<String> names = new HashSet<>();
    for (Object[] row : machines) {
      assertTrue(((String) m(row, "id")).matches("[0-9a-f]{40}"));
      assertTrue(machineIds.add((String) m(row, "id")));
      assertTrue(names.add((String) m(row, "computerDnsName")));
    }
    final List<String> upns = alerts.stream().flatMap(r -> ((List<?>) a(r, "evidence")).stream())
        .map(e -> (String) ((Map<?, ?>) e).get("userPrincipalName")).filter(u -> u != null).toList();
    assertTrue(upns.stream().allMatch(u -> u.matches("[a-z0-9_]+@contoso\\.com")), upns.get(0));
  }

  @Test void fileHashesRecurAcrossAlerts() {
    final Map<String, Set<Integer>> alertsBySha1 = new HashMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      for (Object e : (List<?>) a(alerts.get(i), "evidence")) {
        final Map<?, ?> item = (Map<?, ?>) e;
        if ("File".equals(item.get("entityType"))) {
          assertTrue(((String) item.get("sha1")).matches("[0-9a-f]{40}"));
          assertTrue(((String) item.get("sha256")).matches("[0-9a-f]{64}"));
          alertsBySha1.computeIfAbsent((String) item.get("sha1"), k -> new HashSet<>()).add(i);
        }
      }
    }
    assertTrue(alertsBySha1.values().stream().anyMatch(s -> s.size() >= 10));
  }

  @Test void dateTimesHaveEveryFractionLength() {
    final Set<Integer> lengths = new HashSet<>();
    for (Object[] row : alerts.subList(0, 5_000)) {
      for (String p : List.of("alertCreationTime", "firstEventTime", "lastEventTime", "lastUpdateTime")) {
        final String s = EdmDateTime.format((Instant) a(row, p));
        lengths.add(s.contains(".") ? s.length() - s.indexOf('.') - 2 : 0);
      }
    }
    assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), lengths);
  }

  @Test void findByKey() {
    final EntityTable table = tenant.table(ALERTS);
    for (int i : new int[] {0, 1, 777, ALERT_COUNT - 1}) {
      assertEquals(i, table.find((String) a(alerts.get(i), "id")));
    }
    final String id = (String) a(alerts.get(10), "id");
    assertEquals(-1, table.find(id.replace("da6", "da5")));
    assertEquals(-1, table.find("da637472900382838869_1364969609"));
    assertEquals(-1, table.find("nonsense"));
    final EntityTable m = tenant.table(MACHINES);
    assertEquals(3, m.find(((String) m(machines.get(3), "computerDnsName")).toUpperCase()));
    assertEquals(-1, m.find("unknown.contoso.com"));
  }

  private static Map<Object, Long> count(List<Object[]> rows, String path) {
    final Entity e = rows == alerts ? ALERTS : MACHINES;
    return rows.stream().collect(Collectors.groupingBy(r -> v(e, r, path), Collectors.counting()));
  }

  private static void assertShare(Map<Object, Long> counts, Object key, double min, double max) {
    final long total = counts.values().stream().mapToLong(Long::longValue).sum();
    final double share = counts.getOrDefault(key, 0L) / (double) total;
    assertTrue(share >= min && share <= max, key + " share " + share + " of " + counts);
  }
}
