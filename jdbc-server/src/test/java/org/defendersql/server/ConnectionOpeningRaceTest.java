package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.Meta.StatementHandle;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.junit.jupiter.api.Test;

/**
 * What a connection asks for survives the server's periodic sweep running while it opens: opening a connection
 * loads the model (seconds on a busy server), and a sweep then used to forget the connection's {@code queryTimeout}
 * and {@code complexTypes=json} because the connection was not yet in the server's cache; its statements ran under
 * the server's 15-minute timeout instead (seen in the soak benchmark: a recursive CTE asked to stop after 5 s ran
 * past the client's 3-minute read timeout). The sweep is made to run exactly then, inside the model's loading.
 */
class ConnectionOpeningRaceTest {
  /** What the schema factory runs while Calcite loads the model, i.e. while the connection opens. */
  static volatile Runnable whileOpening;
  static final AtomicInteger SWEEPS = new AtomicInteger();

  /** A schema whose loading runs {@link #whileOpening}. */
  public static final class SweepingSchemaFactory implements SchemaFactory {
    @Override public Schema create(SchemaPlus parent, String name, Map<String, Object> operand) {
      final Runnable r = whileOpening;
      if (r != null) {
        r.run();
        SWEEPS.incrementAndGet();
      }
      return new AbstractSchema();
    }
  }

  @Test void aSweepWhileTheConnectionOpensKeepsItsTimeoutAndJsonChoice() throws SQLException {
    final Properties p = new Properties();
    p.setProperty("model", "inline:{\"version\": \"1.0\", \"defaultSchema\": \"s\", \"schemas\": [{\"name\": \"s\","
        + " \"type\": \"custom\", \"factory\": \"" + SweepingSchemaFactory.class.getName() + "\"}]}");
    final DefenderJdbcMeta meta = new DefenderJdbcMeta("jdbc:calcite:", p, ServerLimits.DEFAULT);
    try {
      whileOpening = meta::sweep;
      final ConnectionHandle ch = new ConnectionHandle(UUID.randomUUID().toString());
      meta.openConnection(ch, Map.of("queryTimeout", "5", "complexTypes", "json"));
      whileOpening = null;
      assertTrue(SWEEPS.get() >= 1, "the sweep ran while the connection opened");
      meta.sweep(); // and once more after: the connection is the server's now, so it keeps its settings
      final StatementHandle h = meta.createStatement(ch);
      final Statement s = meta.statement(h);
      assertEquals(5, s.getQueryTimeout(), "the connection's queryTimeout, not the server's 900 s");
      assertTrue(meta.servesArraysAsJson(ch.id), "complexTypes=json kept");
      meta.closeStatement(h);
      meta.closeConnection(ch);
    } finally {
      whileOpening = null;
      meta.close();
    }
  }
}
