package org.defendersql.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import okhttp3.Request;
import okhttp3.Response;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DefenderEmulator.openExchanges()}: a response a client stopped reading is counted while its stream is open
 * and no longer once the client closes it; answered requests leave the count at zero.
 */
class OpenExchangesTest {
  /** One page this large is far more than the loopback socket buffers hold, so its writer waits on the reader. */
  private static final int ALERTS = 20_000;

  private static DefenderEmulator emulator;
  private static TestClient client;
  private static String token;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(ALERTS).machines(200).pageSize(ALERTS).build().start();
    client = new TestClient(emulator);
    token = client.accessToken();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  @Test void answeredRequestsLeaveNothingOpen() {
    assertEquals(200, client.get("/api/alerts?$top=5", token).status());
    assertEquals(404, client.get("/api/nowhere", token).status());
    assertEquals(401, client.get("/api/alerts?$top=5", null).status());
    awaitCount(0, emulator::openExchanges);
  }

  @Test void anAbandonedStreamIsCountedUntilItsClientClosesIt() throws Exception {
    final Request all = new Request.Builder().url(emulator.baseUrl() + "/api/alerts")
        .header("Authorization", "Bearer " + token).build();
    final Response first = client.http().newCall(all).execute();
    final Response second = client.http().newCall(all).execute();
    try {
      readSome(first);
      readSome(second);
      // Both writers are blocked on full socket buffers: their exchanges are open.
      awaitCount(2, emulator::openExchanges);
      first.close();
      awaitCount(1, emulator::openExchanges);
    } finally {
      first.close();
      second.close();
    }
    awaitCount(0, emulator::openExchanges);
  }

  private static void readSome(Response r) throws Exception {
    assertEquals(200, r.code());
    final InputStream in = r.body().byteStream();
    final byte[] buf = new byte[4096];
    assertTrue(in.read(buf) > 0, "the answer starts");
  }

  /** Waits (generously, the machine is busy) for the count to reach a value; fails with the last one seen. */
  static void awaitCount(int expected, IntSupplier count) {
    final Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    int seen = count.getAsInt();
    while (seen != expected && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      seen = count.getAsInt();
    }
    assertEquals(expected, seen, "open exchanges");
  }
}
