package org.defendersql.adapter.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.faults.Fault;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/** Setting the cancel flag stops the outstanding HTTP call of a scan at once, with a clear message. */
class CancelTest {
  @Test void cancelStopsAnOutstandingRequest() {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(300).machines(10).pageSize(100).build().start()) {
      e.faults().slowDelay(Duration.ofSeconds(20)).on("/api/alerts").nth(2, Fault.SLOW);
      final Map<String, Object> operand = DefenderModels.operand(e.environment());
      final DefenderClient client = DefenderClients.of(DefenderConnectionConfig.from(operand, k -> null));
      final AtomicBoolean cancel = new AtomicBoolean();
      final DefenderRequest request = DefenderRequest.scan(DefenderModel.ALERTS,
          List.of(DefenderModel.ALERTS.key()));
      final long start = System.nanoTime();
      try (Enumerator<Object[]> rows = client.rows(request, cancel)) {
        Executors.newSingleThreadScheduledExecutor().schedule(() -> cancel.set(true), 500, TimeUnit.MILLISECONDS);
        final SQLException x = assertThrows(SQLException.class, () -> {
          while (rows.moveNext()) {
            // the first page arrives; the second hangs until cancelled
          }
        });
        assertTrue(x.getMessage().startsWith("The query was cancelled"), x.getMessage());
        assertTrue("57014".equals(x.getSQLState()), x.getSQLState());
      }
      assertTrue(System.nanoTime() - start < 5_000_000_000L, "not the 20 s of the slow answer");
    }
  }

  @Test void theQueryTimeoutStopsAnOutstandingRequest() {
    try (DefenderEmulator e = DefenderEmulator.builder().alerts(300).machines(10).pageSize(100).build().start()) {
      e.faults().slowDelay(Duration.ofSeconds(20)).on("/api/alerts").nth(2, Fault.SLOW);
      final DefenderClient client = DefenderClients.of(DefenderConnectionConfig.from(
          DefenderModels.operand(e.environment()), k -> null));
      final DefenderRequest request = DefenderRequest.scan(DefenderModel.ALERTS,
          List.of(DefenderModel.ALERTS.key()));
      final long start = System.nanoTime();
      try (Enumerator<Object[]> rows = client.rows(request, new AtomicBoolean(), 700)) {
        final SQLException x = assertThrows(SQLException.class, () -> {
          while (rows.moveNext()) {
            // the second page hangs until the timeout
          }
        });
        assertTrue(x.getMessage().startsWith("The query was cancelled: its timeout of 700 ms passed"), x.getMessage());
      }
      assertTrue(System.nanoTime() - start < 5_000_000_000L, "not the 20 s of the slow answer");
    }
  }
}
