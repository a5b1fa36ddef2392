package org.defendersql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The model documents itself: every column is described, every relation and key points at what exists. */
class ModelDocumentationTest {

  @Test void everyColumnOfEveryEntityHasADescription() {
    for (Entity e : DefenderModel.entities()) {
      assertFalse(e.description().isBlank(), e.tableName());
      for (Column c : e.columns()) {
        assertFalse(c.description().isBlank(), e.tableName() + "." + c.sqlName() + " has no description");
        assertTrue(c.description().endsWith("."), e.tableName() + "." + c.sqlName() + ": one sentence");
        assertFalse(c.description().contains("\n"), e.tableName() + "." + c.sqlName() + ": one line");
      }
    }
  }

  @Test void everyRelationPointsAtAnExistingTableAndItsPrimaryKey() {
    final List<Relation> relations = DefenderModel.relations();
    int references = 0;
    for (Entity e : DefenderModel.entities()) {
      references += e.foreignKeys().size();
    }
    assertEquals(references, relations.size(), "every reference resolves to one relation");
    for (Relation r : relations) {
      final Entity target = DefenderModel.entity(r.target().tableName()).orElseThrow();
      assertTrue(target.column(r.targetColumn().sqlName()).isPresent(), r.toString());
      assertEquals(List.of(r.targetColumn().sqlName()), target.primaryKey(), r + " must reference a primary key");
      assertTrue(r.table().column(r.column().sqlName()).isPresent(), r.toString());
      assertEquals(r.column().sqlType(), r.targetColumn().sqlType(), r + ": the same SQL type on both ends");
    }
  }

  @Test void theRealForeignKeysAreDescribed() {
    final Set<String> relations = DefenderModel.relations().stream().map(Relation::toString)
        .collect(Collectors.toSet());
    for (String expected : List.of("alerts.machine_id -> machines.id", "alert_evidence.alert_id -> alerts.id",
        "alert_evidence.sha1 -> files.sha1", "users.machine_id -> machines.id",
        "file_alerts.file_sha1 -> files.sha1", "file_machines.file_sha1 -> files.sha1",
        "user_alerts.id -> alerts.id", "domain_machines.id -> machines.id")) {
      assertTrue(relations.contains(expected), expected + " in " + relations);
    }
    // A user name or an IP names no row of any table.
    assertTrue(DefenderModel.USER_ALERTS.key().reference() == null);
    assertTrue(DefenderModel.IP_ALERTS.key().reference() == null);
  }

  @Test void primaryKeysIdentifyRows() {
    assertEquals(List.of("id"), DefenderModel.ALERTS.primaryKey());
    assertEquals(List.of("sha1"), DefenderModel.FILES.primaryKey());
    assertEquals(List.of("machine_id", "id"), DefenderModel.USERS.primaryKey());
    assertEquals(List.of("file_sha1", "id"), DefenderModel.FILE_ALERTS.primaryKey());
    assertEquals(List.of(), DefenderModel.ALERT_EVIDENCE.primaryKey(), "evidence items have no identity");
    for (Entity e : DefenderModel.entities()) {
      for (String k : e.primaryKey()) {
        assertFalse(e.column(k).orElseThrow().nullable(), e.tableName() + "." + k);
      }
    }
  }

  @Test void theBuilderRefusesAnIncompleteEntity() {
    final List<Column> columns = List.of(Column.of("id", EdmType.STRING).notNull().described("Id."));
    assertThrows(IllegalStateException.class,
        () -> Entity.builder("t").entitySet("T").readRoles("R").columns(columns).description("d").build());
    assertThrows(IllegalArgumentException.class, () -> Entity.builder("t").entitySet("T").key("id")
        .primaryKey("nope").readRoles("R").columns(columns).description("d").build());
    final Entity t = Entity.builder("t").entitySet("T").key("id").primaryKey("id").readRoles("R")
        .columns(columns).description("d").build();
    assertFalse(t.isScannable());
    assertEquals(List.of("id"), t.primaryKey());
  }

  @Test void theVersionIsTheMavenProjectVersion() {
    final String version = ProjectVersion.version();
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
    assertEquals(Integer.parseInt(version.split("\\.")[0]), ProjectVersion.major());
    assertEquals(Integer.parseInt(version.split("\\.")[1]), ProjectVersion.minor());
  }
}
