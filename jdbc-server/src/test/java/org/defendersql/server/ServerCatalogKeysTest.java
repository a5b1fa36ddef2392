package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.DatabaseProperty;
import org.apache.calcite.avatica.Meta.Pat;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.ProjectVersion;
import org.defendersql.model.Relation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's own answers for what Avatica's driver never asks it (primary, imported and exported keys,
 * functions): the {@link DefenderJdbcMeta} the server runs, called in-process, against the model for every entity.
 * Any client whose protocol reaches the server for these gets exactly these rows.
 */
class ServerCatalogKeysTest {
  private static final String SCHEMA = "defender";
  private static DefenderEmulator emulator;
  private static DefenderJdbcMeta meta;
  private static ConnectionHandle ch;

  @BeforeAll static void open() throws Exception {
    emulator = DefenderEmulator.builder().alerts(5).machines(2).seed(3)
        .now(Instant.parse("2026-11-20T12:00:00Z")).build().start();
    meta = new DefenderJdbcMeta("jdbc:calcite:", DefenderServer.connectionProperties(TenantSource.emulated(emulator)),
        ServerLimits.DEFAULT);
    ch = new ConnectionHandle(UUID.randomUUID().toString());
    meta.openConnection(ch, Map.of());
  }

  @AfterAll static void close() {
    if (meta != null) {
      meta.closeConnection(ch);
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test void primaryKeysAreTheModels() {
    for (Entity e : DefenderModel.entities()) {
      final List<Map<String, Object>> rows = rows(meta.getPrimaryKeys(ch, null, SCHEMA, e.tableName()));
      assertEquals(e.primaryKey(), rows.stream().map(r -> r.get("COLUMN_NAME")).toList(), e.tableName());
      for (int i = 0; i < rows.size(); i++) {
        assertEquals((short) (i + 1), rows.get(i).get("KEY_SEQ"), e.tableName());
        assertEquals(SCHEMA, rows.get(i).get("TABLE_SCHEM"));
        assertEquals(e.tableName(), rows.get(i).get("TABLE_NAME"));
      }
    }
    assertEquals(List.of(), rows(meta.getPrimaryKeys(ch, null, "metadata", "alerts")), "only Defender schemas");
  }

  @Test void importedAndExportedKeysAreTheModelsRelations() {
    int imported = 0;
    for (Entity e : DefenderModel.entities()) {
      final Set<String> in = rows(meta.getImportedKeys(ch, null, SCHEMA, e.tableName())).stream()
          .map(ServerCatalogKeysTest::relation).collect(Collectors.toSet());
      assertEquals(DefenderModel.relationsFrom(e).stream().map(Relation::toString).collect(Collectors.toSet()), in,
          e.tableName());
      imported += in.size();
      final Set<String> out = rows(meta.getExportedKeys(ch, null, SCHEMA, e.tableName())).stream()
          .map(ServerCatalogKeysTest::relation).collect(Collectors.toSet());
      assertEquals(DefenderModel.relationsTo(e).stream().map(Relation::toString).collect(Collectors.toSet()), out,
          e.tableName());
    }
    assertEquals(DefenderModel.relations().size(), imported);
    assertTrue(relations(meta.getImportedKeys(ch, null, SCHEMA, "alerts"))
        .contains("alerts.machine_id -> machines.id"));
    assertTrue(relations(meta.getExportedKeys(ch, null, SCHEMA, "files"))
        .contains("file_alerts.file_sha1 -> files.sha1"));
  }

  private static Set<String> relations(Meta.MetaResultSet answer) {
    return rows(answer).stream().map(ServerCatalogKeysTest::relation).collect(Collectors.toSet());
  }

  private static String relation(Map<String, Object> row) {
    assertEquals(SCHEMA, row.get("FKTABLE_SCHEM"));
    assertEquals(SCHEMA, row.get("PKTABLE_SCHEM"));
    assertEquals((short) 1, row.get("KEY_SEQ"));
    return row.get("FKTABLE_NAME") + "." + row.get("FKCOLUMN_NAME") + " -> " + row.get("PKTABLE_NAME") + "."
        + row.get("PKCOLUMN_NAME");
  }

  @Test void functionsIncludeTheOnesForJsonArraysAndTime() {
    final Map<String, Map<String, Object>> byName = new HashMap<>();
    for (Map<String, Object> row : rows(meta.getFunctions(ch, null, Pat.of(null), Pat.of("%")))) {
      byName.put((String) row.get("FUNCTION_NAME"), row);
    }
    for (String f : List.of("JSON_VALUE", "JSON_QUERY", "CARDINALITY", "TIMESTAMPADD", "TIMESTAMPDIFF", "COUNT")) {
      assertTrue(byName.containsKey(f), f + " in " + byName.keySet());
      assertFalse(String.valueOf(byName.get(f).get("REMARKS")).isEmpty(), f);
    }
    assertTrue(byName.get("JSON_VALUE").get("REMARKS").toString().contains("evidence"));
    assertTrue(byName.keySet().stream().noneMatch(n -> n.startsWith("$")), "no internal functions");
    assertEquals(List.of("JSON_VALUE"), rows(meta.getFunctions(ch, null, Pat.of(null), Pat.of("JSON\\_VALUE")))
        .stream().map(r -> r.get("FUNCTION_NAME")).toList());
  }

  @Test void databasePropertiesNameTheProduct() {
    final Map<DatabaseProperty, Object> p = meta.getDatabaseProperties(ch);
    assertEquals("defender-sql", p.get(DatabaseProperty.GET_DATABASE_PRODUCT_NAME));
    assertEquals(ProjectVersion.version(), p.get(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION));
    assertFalse(p.get(DatabaseProperty.GET_S_Q_L_KEYWORDS).toString().isEmpty(), "Calcite's properties stay");
  }

  /** The rows of a metadata answer, all in its first frame, by column name. */
  private static List<Map<String, Object>> rows(Meta.MetaResultSet answer) {
    final List<Map<String, Object>> rows = new ArrayList<>();
    for (Object row : answer.firstFrame.rows) {
      final Object[] values = (Object[]) row;
      final Map<String, Object> map = new HashMap<>();
      for (int i = 0; i < values.length; i++) {
        map.put(answer.signature.columns.get(i).columnName, values[i]);
      }
      rows.add(map);
    }
    return rows;
  }
}
