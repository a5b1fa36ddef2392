package org.defendersql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the model against the API reference: filterable properties, names, keys. */
class DefenderModelTest {

  @Test void alertFilterablePropertiesAreTheDocumentedOnes() {
    assertEquals(Set.of("id", "alertCreationTime", "lastUpdateTime", "lastEventTime", "incidentId",
        "investigationId", "assignedTo", "detectionSource", "status", "severity", "category"),
        filterable(DefenderModel.ALERTS));
  }

  @Test void machineFilterablePropertiesAreTheDocumentedOnes() {
    assertEquals(Set.of("id", "computerDnsName", "version", "deviceValue", "aadDeviceId", "machineTags",
        "lastSeen", "exposureLevel", "onboardingStatus", "lastIpAddress", "healthStatus", "osPlatform",
        "riskScore", "rbacGroupId"), filterable(DefenderModel.MACHINES));
    assertTrue(DefenderModel.MACHINES.property("computerdnsname").orElseThrow()
        .supports(FilterOperator.STARTSWITH));
    assertTrue(DefenderModel.MACHINES.property("machineTags").orElseThrow().supports(FilterOperator.ANY));
    assertFalse(DefenderModel.MACHINES.property("machineTags").orElseThrow().supports(FilterOperator.EQ));
  }

  @Test void snakeCaseNames() {
    assertEquals("alert_creation_time", Column.snakeCase("alertCreationTime"));
    assertEquals("aad_device_id", Column.snakeCase("aadDeviceId"));
    assertEquals("sha256", Column.snakeCase("sha256"));
    assertEquals("os_build", Column.snakeCase("osBuild"));
    assertEquals(List.of("relatedUser", "userName"),
        DefenderModel.ALERTS.column("related_user_user_name").orElseThrow().jsonPath());
  }

  @Test void keysAreNotNullAndEveryTableCanBeRead() {
    for (Entity e : DefenderModel.entities()) {
      assertFalse(e.key().nullable(), e.tableName());
      assertTrue(e.isScannable() || !e.lookups().isEmpty(), e.tableName() + " has no endpoint");
      final String root = e.api() == Api.MDE ? "/api/" : "/v1.0/security/";
      assertTrue(e.path() == null || e.path().startsWith(root), e.tableName());
      assertEquals(e.api() == Api.MDE, e.successor() != null, e.tableName() + ": retiring tables name a successor");
      for (Lookup l : e.lookups()) {
        assertTrue(l.pathTemplate().startsWith(root) && l.pathTemplate().contains("{key}"), e.tableName());
        assertTrue(e.column(l.keyColumn()).isPresent(), e.tableName() + " lacks " + l.keyColumn());
      }
    }
  }

  @Test void relatedTablesHaveTheTargetColumnsAfterTheirKey() {
    assertEquals(DefenderModel.ALERTS.columns().size() + 1, DefenderModel.USER_ALERTS.columns().size());
    assertEquals(Origin.KEY, DefenderModel.USER_ALERTS.columns().get(0).origin());
    assertEquals("user_name", DefenderModel.USER_ALERTS.keyColumn());
    assertEquals(Origin.STATS, DefenderModel.FILES.column("org_prevalence").orElseThrow().origin());
    assertEquals(Origin.PARENT, DefenderModel.ALERT_EVIDENCE.column("alert_id").orElseThrow().origin());
    assertTrue(DefenderModel.ALERT_EVIDENCE.column("alert_creation_time").orElseThrow().supports(FilterOperator.GT));
  }

  @Test void graphTablesFollowGraphsRules() {
    for (Entity e : DefenderModel.entities(Api.GRAPH)) {
      assertFalse(e.accepts(QueryOption.SELECT), e.tableName() + ": Graph's security lists take no $select");
      assertFalse(e.accepts(QueryOption.ORDERBY), e.tableName() + ": nor $orderby");
      for (Column c : e.columns()) {
        for (String m : c.enumValues()) {
          assertTrue(Character.isLowerCase(m.charAt(0)), e.tableName() + "." + c.sqlName() + ": camelCase " + m);
        }
      }
    }
    assertEquals(50, DefenderModel.GRAPH_INCIDENTS.maxTop());
    assertTrue(DefenderModel.GRAPH_INCIDENTS.accepts(QueryOption.EXPAND));
    assertFalse(DefenderModel.GRAPH_ALERTS.accepts(QueryOption.EXPAND));
    assertEquals(Origin.PARENT, DefenderModel.GRAPH_ALERT_EVIDENCE.column("alert_id").orElseThrow().origin());
    assertTrue(DefenderModel.GRAPH_ALERT_EVIDENCE.column("file_details_sha1").isPresent());
  }

  private static Set<String> filterable(Entity e) {
    return e.columns().stream().filter(c -> !c.filterOps().isEmpty()).map(Column::jsonName)
        .collect(Collectors.toSet());
  }
}
