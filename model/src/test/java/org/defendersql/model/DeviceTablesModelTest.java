package org.defendersql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The device tables of issue 14 (indicators, machine actions, investigations, scores, antivirus health, IP and
 * domain statistics, the machine searches) against the API reference: filterable properties, keys, permissions,
 * single objects, and the lookups with a parameter or a key in the query string.
 */
class DeviceTablesModelTest {
  @Test void filterablePropertiesAreTheDocumentedOnes() {
    assertEquals(Set.of("id", "status", "machineId", "type", "requestor", "creationDateTimeUtc"),
        filterable(DefenderModel.MACHINE_ACTIONS));
    assertEquals(Set.of("startTime", "id", "state", "machineId", "triggeringAlertId"),
        filterable(DefenderModel.INVESTIGATIONS));
    assertEquals(Set.of("application", "createdByDisplayName", "expirationTime", "generateAlert", "title",
        "rbacGroupNames", "indicatorValue", "indicatorType", "creationTimeDateTimeUtc", "createdBy", "action",
        "severity"), filterable(DefenderModel.INDICATORS));
    assertEquals(Set.of("machineId", "computerDnsName", "osKind", "osPlatform", "osVersion", "avMode",
        "avSignatureVersion", "avEngineVersion", "avPlatformVersion", "quickScanResult", "quickScanError",
        "fullScanResult", "fullScanError", "avIsSignatureUpToDate", "avIsEngineUpToDate", "avIsPlatformUpToDate",
        "rbacGroupId"), filterable(DefenderModel.DEVICE_AV_HEALTH));
    for (Entity e : List.of(DefenderModel.EXPOSURE_SCORE, DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP,
        DefenderModel.DEVICE_SECURE_SCORE, DefenderModel.IP_STATS, DefenderModel.DOMAIN_STATS,
        DefenderModel.MACHINES_BY_IP, DefenderModel.MACHINES_BY_TAG)) {
      assertEquals(Set.of(), filterable(e), e.tableName());
      assertTrue(e.options().isEmpty(), e.tableName() + " documents no query option");
    }
  }

  @Test void permissionsAreTheReferencesOnes() {
    assertEquals("Ti.ReadWrite.All", DefenderModel.INDICATORS.readRole());
    assertTrue(DefenderModel.INDICATORS.readRoles().containsAll(List.of("Ti.ReadWrite", "Ti.Read.All")));
    assertEquals("Machine.Read.All", DefenderModel.MACHINE_ACTIONS.readRole());
    assertEquals("Alert.Read.All", DefenderModel.INVESTIGATIONS.readRole());
    assertEquals("Score.Read.All", DefenderModel.EXPOSURE_SCORE.readRole());
    assertEquals("Score.Read.All", DefenderModel.DEVICE_SECURE_SCORE.readRole());
    assertEquals("Machine.Read.All", DefenderModel.DEVICE_AV_HEALTH.readRole());
    assertEquals("Ip.Read.All", DefenderModel.IP_STATS.readRole());
    assertEquals("Url.Read.All", DefenderModel.DOMAIN_STATS.readRole());
    assertEquals("Machine.Read.All", DefenderModel.MACHINES_BY_IP.readRole());
  }

  @Test void scoresAreSingleObjectsExceptByGroup() {
    assertTrue(DefenderModel.EXPOSURE_SCORE.singleObject());
    assertTrue(DefenderModel.DEVICE_SECURE_SCORE.singleObject());
    assertFalse(DefenderModel.EXPOSURE_SCORE_BY_MACHINE_GROUP.singleObject());
    assertFalse(DefenderModel.MACHINES.singleObject());
    assertTrue(DefenderModel.EXPOSURE_SCORE.isScannable());
  }

  @Test void machineActionKeysAreGuidsOnly() {
    final Lookup byId = DefenderModel.MACHINE_ACTIONS.lookupsBy("id").get(0);
    assertTrue(byId.single());
    assertTrue(byId.accepts("6b6a1c2e-0f3d-4a5b-9c8d-7e6f5a4b3c2d"));
    assertFalse(byId.accepts("not-a-guid"));
    assertFalse(byId.accepts("6b6a1c2e0f3d4a5b9c8d7e6f5a4b3c2d"));
    assertFalse(DefenderModel.INVESTIGATIONS.lookupsBy("id").get(0).accepts("12a"));
  }

  @Test void findByIpNeedsItsTimeAndFindByTagTakesAnyTag() {
    final Lookup byIp = DefenderModel.MACHINES_BY_IP.lookups().get(0);
    assertEquals(List.of("seen_at"), byIp.parameters());
    final Lookup bound = byIp.withParameter("seen_at", "2026-11-30T08:00:00Z", 1L);
    assertEquals("/api/machines/findbyip(ip='10.1.2.3',timestamp=2026-11-30T08:00:00Z)", bound.path("10.1.2.3"));
    assertEquals(Map.of("seen_at", 1L), bound.values());
    assertEquals(List.of(), bound.parameters());
    assertFalse(byIp.keyInQuery());

    final Lookup byTag = DefenderModel.MACHINES_BY_TAG.lookups().get(0);
    assertTrue(byTag.keyInQuery());
    assertTrue(byTag.accepts("Finance Dept/EMEA"), "a space or a slash is harmless in a query value");
    assertFalse(byTag.accepts("a\nb"));
    assertFalse(byTag.accepts(""));
    assertEquals(List.of(), byTag.parameters());
  }

  @Test void tablesWithoutAGraphSuccessorSayWhy() {
    for (Entity e : List.of(DefenderModel.INDICATORS, DefenderModel.MACHINE_ACTIONS, DefenderModel.INVESTIGATIONS,
        DefenderModel.EXPOSURE_SCORE, DefenderModel.DEVICE_AV_HEALTH)) {
      assertFalse(e.hasGraphSuccessor(), e.tableName());
      assertTrue(e.successor().startsWith("none ("), e.tableName());
    }
    assertTrue(DefenderModel.IP_STATS.hasGraphSuccessor());
    assertTrue(DefenderModel.MACHINES.hasGraphSuccessor());
  }

  private static Set<String> filterable(Entity e) {
    return e.columns().stream().filter(c -> !c.filterOps().isEmpty()).map(Column::jsonName)
        .collect(Collectors.toSet());
  }
}
