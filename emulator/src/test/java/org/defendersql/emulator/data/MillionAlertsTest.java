package org.defendersql.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.Test;

/** A million alerts stream through {@code EmulatorData.rows} in constant memory (the suite runs in 1 GB). */
class MillionAlertsTest {

  @Test void streamsAMillionAlertsWithEvidence() {
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(1_000_000).build().start()) {
      assertEquals(1_000_000, emulator.data().count(DefenderModel.ALERTS));
      final long start = System.nanoTime();
      final AtomicLong evidence = new AtomicLong();
      final int evidenceIndex = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.property("evidence").orElseThrow());
      final AtomicLong streamedRows = new AtomicLong();
      // forEach, not count(): a sized stream may count without running the pipeline.
      emulator.data().rows(DefenderModel.ALERTS).forEach(row -> {
        streamedRows.incrementAndGet();
        evidence.addAndGet(((List<?>) row[evidenceIndex]).size());
      });
      final long streamed = streamedRows.get();
      final double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(1_000_000, streamed);
      assertTrue(evidence.get() > 1_000_000, "evidence generated: " + evidence.get());
      System.out.printf("streamed 1,000,000 alerts with %,d evidence items in %.1f s%n", evidence.get(), seconds);

      final TestClient client = new TestClient(emulator);
      final String token = client.accessToken();
      assertEquals("1000000", client.get("/api/alerts/$count", token).body());
      final TestClient.Reply last = client.get("/api/alerts?$skip=999998", token);
      assertEquals(2, last.json().get("value").size());

      // A related lookup scans the million alerts once, keeps only the matches' positions, then pages from them.
      final String sha1 = emulator.data().rows(DefenderModel.ALERTS).limit(100)
          .flatMap(a -> ((List<?>) a[evidenceIndex]).stream()).map(e -> (String) ((java.util.Map<?, ?>) e).get("sha1"))
          .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
      final long scan = System.nanoTime();
      final TestClient.Reply first = client.get("/api/files/" + sha1 + "/alerts?$top=3", token);
      final double scanSeconds = (System.nanoTime() - scan) / 1e9;
      assertEquals(200, first.status(), first.body());
      assertEquals(3, first.json().get("value").size());
      final long paged = System.nanoTime();
      assertEquals(3, client.get("/api/files/" + sha1 + "/alerts?$top=3&$skip=3", token).json().get("value")
          .size());
      final double pageSeconds = (System.nanoTime() - paged) / 1e9;
      System.out.printf("alerts of file %s: first page %.2f s, next %.3f s%n", sha1, scanSeconds, pageSeconds);
    }
  }
}
