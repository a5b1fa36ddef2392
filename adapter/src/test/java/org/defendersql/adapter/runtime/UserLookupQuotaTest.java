package org.defendersql.adapter.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.junit.jupiter.api.Test;

/** The per-user hourly quota of keyed requests, over a sliding hour of a virtual clock. */
class UserLookupQuotaTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicReference<String> user = new AtomicReference<>("alice");
  private final UserLookupQuota quota = new UserLookupQuota(user::get, 10, now::get);

  private void advanceMinutes(long minutes) {
    now.addAndGet(TimeUnit.MINUTES.toNanos(minutes));
  }

  @Test void aUserMaySpendTheHoursQuotaAndNotOneMore() {
    quota.spend(6, "/api/files/{key}");
    advanceMinutes(10);
    quota.spend(4, "/api/files/{key}");
    final DefenderException e = assertThrows(DefenderException.class, () -> quota.spend(1, "/api/files/{key}"));
    assertEquals(ErrorKind.LIMIT, e.kind());
    assertTrue(e.getMessage().contains("sent 10 in the last hour") && e.getMessage().contains("10 an hour"),
        e.getMessage());
  }

  @Test void theHourSlides() {
    quota.spend(6, "k");
    advanceMinutes(30);
    quota.spend(4, "k");
    advanceMinutes(30); // the first 6 are an hour old now
    quota.spend(6, "k");
    assertThrows(DefenderException.class, () -> quota.spend(1, "k"));
  }

  @Test void aRefusedSpendCostsNothingAndUsersAreApart() {
    quota.spend(8, "k");
    assertThrows(DefenderException.class, () -> quota.spend(3, "k"));
    quota.spend(2, "k"); // the refused 3 were not counted
    user.set("bob");
    quota.spend(10, "k");
    user.set(null); // no user (a server without authentication): nothing counted, nothing refused
    quota.spend(100, "k");
  }
}
