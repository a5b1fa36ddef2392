package org.defendersql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The vulnerability management tables as the API reference describes them: the filterable properties it lists,
 * $top up to 8,000 on vulnerabilities, the export's page size and quota family, the changes' time as a required key
 * in the query string, the permissions, and what replaces each on Graph.
 */
class TvmModelTest {
  private static Set<String> filterable(Entity e) {
    return e.columns().stream().filter(c -> !c.filterOps().isEmpty()).map(Column::jsonName)
        .collect(Collectors.toSet());
  }

  @Test void filterablePropertiesAreTheReferences() {
    assertEquals(Set.of("id", "name", "description", "cvssV3", "publishedOn", "severity", "updatedOn"),
        filterable(DefenderModel.VULNERABILITIES));
    assertEquals(Set.of("id", "cveId", "machineId", "fixingKbId", "productName", "productVersion", "severity",
        "productVendor"), filterable(DefenderModel.MACHINE_VULNERABILITIES));
    assertEquals(Set.of("id", "name", "vendor"), filterable(DefenderModel.SOFTWARE));
    assertEquals(Set.of("id", "productName", "vendor", "recommendedVersion", "recommendationCategory", "subCategory",
        "severityScore", "remediationType", "recommendedProgram", "recommendedVendor", "status"),
        filterable(DefenderModel.RECOMMENDATIONS));
    assertEquals(Set.of("createdOn", "status"), filterable(DefenderModel.REMEDIATION_TASKS));
    for (Entity e : List.of(DefenderModel.SOFTWARE_VULNERABILITY_EXPORT, DefenderModel.MACHINE_CVES,
        DefenderModel.CVE_MACHINES, DefenderModel.SOFTWARE_CVES, DefenderModel.SOFTWARE_MACHINES,
        DefenderModel.MACHINE_SOFTWARE, DefenderModel.SOFTWARE_VULNERABILITY_CHANGES)) {
      assertEquals(Set.of(), filterable(e), e.tableName());
    }
  }

  @Test void pagesAndOptions() {
    assertEquals(8_000, DefenderModel.VULNERABILITIES.maxTop());
    assertEquals(QueryOption.ALL, DefenderModel.VULNERABILITIES.options());
    assertFalse(QueryOption.ALL.contains(QueryOption.PAGE_SIZE), "pageSize is no OData option of the entities");
    for (Entity e : DefenderModel.EXPORTS) {
      assertEquals(EnumSet.of(QueryOption.TOP, QueryOption.PAGE_SIZE), e.options(), e.tableName());
      assertEquals(200_000, e.maxTop(), e.tableName());
      assertTrue(e.entitySetName().startsWith("Collection(microsoft.windowsDefenderATP.api."), e.tableName());
    }
    final Entity changes = DefenderModel.SOFTWARE_VULNERABILITY_CHANGES;
    assertFalse(changes.isScannable(), "the changes need their time");
    final Lookup since = changes.lookups().get(0);
    assertTrue(since.keyInQuery());
    assertEquals("since_time", since.keyColumn());
    assertEquals(Origin.KEY, changes.key().origin());
    for (String ok : List.of("2026-05-01", "2026-05-01T00:00:00Z", "2021-05-19T18:35:49.924Z",
        "2026-05-01T10:00:00+02:00")) {
      assertTrue(since.accepts(ok), ok);
    }
    for (String bad : List.of("May 1", "2026-5-1", "", "2026-05-01T00:00:00Z&pageSize=1")) {
      assertFalse(since.accepts(bad), bad);
    }
  }

  @Test void permissionsAndSuccessors() {
    assertEquals("Vulnerability.Read.All", DefenderModel.VULNERABILITIES.readRole());
    assertEquals("Vulnerability.Read.All", DefenderModel.SOFTWARE_VULNERABILITY_EXPORT.readRole());
    assertEquals("Vulnerability.Read.All", DefenderModel.MACHINE_CVES.readRole());
    assertEquals("Software.Read.All", DefenderModel.SOFTWARE_CVES.readRole());
    assertEquals("Software.Read.All", DefenderModel.MACHINE_SOFTWARE.readRole());
    assertEquals("SecurityRecommendation.Read.All", DefenderModel.RECOMMENDATIONS.readRole());
    assertEquals("RemediationTasks.Read.All", DefenderModel.REMEDIATION_TASKS.readRole());
    for (Entity e : List.of(DefenderModel.VULNERABILITIES, DefenderModel.RECOMMENDATIONS,
        DefenderModel.REMEDIATION_TASKS, DefenderModel.SOFTWARE_VULNERABILITY_CHANGES)) {
      assertFalse(e.hasGraphSuccessor(), e.tableName());
    }
    assertEquals("ThreatHunting.Read.All", MigrationReference.permission(
        DefenderModel.MACHINE_VULNERABILITIES.successor()));
  }

  @Test void relationsTieTheTablesToMachinesCvesAndProducts() {
    final Set<String> relations = DefenderModel.relations().stream().map(Relation::toString)
        .collect(Collectors.toSet());
    assertTrue(relations.containsAll(Set.of("machine_vulnerabilities.cve_id -> vulnerabilities.id",
        "machine_vulnerabilities.machine_id -> machines.id", "cve_machines.id -> machines.id",
        "cve_machines.cve_id -> vulnerabilities.id", "machine_cves.id -> vulnerabilities.id",
        "software_cves.software_id -> software.id", "remediation_tasks.product_id -> software.id",
        "software_vulnerability_export.device_id -> machines.id",
        "software_vulnerability_export.cve_id -> vulnerabilities.id")), relations.toString());
  }
}
