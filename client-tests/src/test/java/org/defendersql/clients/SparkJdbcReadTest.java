package org.defendersql.clients;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apache Spark's JDBC source in local mode reading the server as Spark users do: default options, the
 * {@code query} option, a filter Spark pushes to the server (and the server to the API), and a read split over
 * four partitions. Spark cannot read SQL ARRAY columns, so it connects with {@code complexTypes=json}.
 */
class SparkJdbcReadTest {
  private static final int ALERTS = 1_200;
  private static final Entity A = DefenderModel.ALERTS;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServedTenant tenant;
  private static SparkSession spark;

  @BeforeAll static void start() throws Exception {
    tenant = ServedTenant.start(ALERTS, 200);
    spark = SparkSession.builder().master("local[2]").appName("defender-sql-client-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        // Compiling generated code costs more than these small reads save; the JDBC source reads the same way.
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (tenant != null) {
      tenant.close();
    }
  }

  /** The JDBC source with nothing but what every Spark user sets. */
  private static DataFrameReader jdbc() {
    return spark.read().format("jdbc")
        .option("url", tenant.jdbcUrl())
        .option("driver", "org.apache.calcite.avatica.remote.Driver")
        .option("complexTypes", "json");
  }

  private static Set<String> emulatorIds(java.util.function.Predicate<Object[]> which) {
    return tenant.rows(A).stream().filter(which).map(r -> (String) ServedTenant.value(A, r, "id"))
        .collect(Collectors.toSet());
  }

  @Test void defaultOptionsReadTheWholeTableWithTheEmulatorsValues() throws Exception {
    final Dataset<Row> alerts = jdbc().option("dbtable", "alerts").load();
    assertEquals(DataTypes.StringType, alerts.schema().apply("mitre_techniques").dataType(),
        "complexTypes=json serves arrays as JSON text");
    assertEquals(ALERTS, alerts.count());
    final long incidentSum = tenant.rows(A).stream().map(r -> ServedTenant.value(A, r, "incident_id"))
        .filter(Objects::nonNull).mapToLong(v -> ((Number) v).longValue()).sum();
    assertEquals(incidentSum, alerts.agg(sum("incident_id")).first().getLong(0));

    final Map<String, Object[]> want = new HashMap<>();
    tenant.rows(A).forEach(r -> want.put((String) ServedTenant.value(A, r, "id"), r));
    final List<Row> rows = alerts.select("id", "severity", "incident_id", "alert_creation_time", "mitre_techniques")
        .collectAsList();
    assertEquals(ALERTS, rows.size());
    final Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      final String id = r.getString(0);
      assertTrue(seen.add(id), "duplicate " + id);
      final Object[] w = want.get(id);
      assertTrue(w != null, "not an alert of the emulator: " + id);
      assertEquals(ServedTenant.value(A, w, "severity"), r.getString(1), id);
      final Object incident = ServedTenant.value(A, w, "incident_id");
      assertEquals(incident == null ? null : ((Number) incident).longValue(), r.isNullAt(2) ? null : r.getLong(2), id);
      // Spark reads a TIMESTAMP through getTimestamp: the value's wall clock is the API's UTC time.
      assertEquals(ServedTenant.utcWallClock((java.time.Instant) ServedTenant.value(A, w, "alert_creation_time")),
          r.getTimestamp(3).toLocalDateTime(), id);
      assertEquals(ServedTenant.value(A, w, "mitre_techniques"),
          r.isNullAt(4) ? null : JSON.readValue(r.getString(4), List.class), id);
    }
  }

  @Test void theQueryOptionRunsTheServersSql() {
    final Map<String, Long> got = new TreeMap<>();
    for (Row r : jdbc().option("query", "select severity, count(*) as n from alerts group by severity").load()
        .collectAsList()) {
      got.put(r.getString(0), r.getLong(1));
    }
    final Map<String, Long> want = tenant.rows(A).stream().collect(Collectors.groupingBy(
        r -> (String) ServedTenant.value(A, r, "severity"), TreeMap::new, Collectors.counting()));
    assertEquals(want, got);
  }

  @Test void aFilterReachesTheApiAsFilter() {
    tenant.emulator.clearRequestLog();
    final Set<String> got = jdbc().option("dbtable", "alerts").load().filter(col("severity").equalTo("High"))
        .select("id").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    final Set<String> want = emulatorIds(r -> "High".equals(ServedTenant.value(A, r, "severity")));
    assertFalse(want.isEmpty());
    assertEquals(want, got);
    assertTrue(tenant.requests(A.path()).stream().anyMatch(r -> r.query().contains("$filter=severity eq 'High'")),
        "Spark's WHERE reaches the API as $filter: " + tenant.requests(A.path()));
  }

  @Test void aReadInFourPartitionsIsExactlyTheTable() {
    final long[] bounds = tenant.rows(A).stream().map(r -> ServedTenant.value(A, r, "incident_id"))
        .filter(Objects::nonNull).mapToLong(v -> ((Number) v).longValue()).sorted().toArray();
    tenant.emulator.clearRequestLog();
    final Dataset<Row> alerts = jdbc().option("dbtable", "alerts")
        .option("partitionColumn", "incident_id")
        .option("lowerBound", bounds[0])
        .option("upperBound", bounds[bounds.length - 1])
        .option("numPartitions", 4)
        .load();
    assertEquals(4, alerts.rdd().getNumPartitions());
    final List<String> ids = alerts.select("id").collectAsList().stream().map(r -> r.getString(0))
        .collect(Collectors.toList());
    assertEquals(ALERTS, ids.size(), "every alert once, none twice");
    assertEquals(emulatorIds(r -> true), new HashSet<>(ids));
    // Each partition's range (incident_id >= x AND incident_id < y, the first with OR IS NULL) is a filter the
    // API evaluates: four ranged requests, not four scans of every alert.
    final long ranged = tenant.requests(A.path()).stream().filter(r -> r.query().contains("$filter=")
        && r.query().contains("incidentId")).count();
    assertTrue(ranged >= 4, "the partitions' ranges reach the API: " + tenant.requests(A.path()));
  }
}
