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

  @Test void keysAreNotNull() {
    for (Entity e : DefenderModel.entities()) {
      assertFalse(e.key().nullable(), e.tableName());
      assertTrue(e.path().startsWith("/api/"), e.tableName());
    }
  }

  private static Set<String> filterable(Entity e) {
    return e.columns().stream().filter(c -> !c.filterOps().isEmpty()).map(Column::jsonName)
        .collect(Collectors.toSet());
  }
}
