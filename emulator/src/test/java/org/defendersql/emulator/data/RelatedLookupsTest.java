package org.defendersql.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;
import org.junit.jupiter.api.Test;

/** Keyed lookups of the data layer: key rules and the speed of related lookups on a 20,000-alert tenant. */
class RelatedLookupsTest {

  @Test void ipAddressesAreComparedCanonically() {
    assertEquals("10.1.2.3", KeyKind.canonicalIp("10.1.2.3"));
    assertEquals("2001:db8:0:0:0:0:0:1", KeyKind.canonicalIp("2001:DB8::1"));
    assertEquals("2001:db8:0:0:0:0:0:1", KeyKind.canonicalIp("2001:0db8:0:0:0:0:0:0001"));
    assertEquals("0:0:0:0:0:ffff:a01:203", KeyKind.canonicalIp("::ffff:10.1.2.3"));
    assertEquals("0:0:0:0:0:0:0:0", KeyKind.canonicalIp("::"));
    for (String bad : List.of("256.1.1.1", "1.2.3", "1..2.3", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::",
        ":1", "1:2:3:4:5:6:7::8:9")) {
      assertNull(KeyKind.canonicalIp(bad), bad);
    }
  }

  @Test void keyKindsComeFromThePathTemplates() {
    for (Entity e : DefenderModel.entities(Api.MDE)) {
      if (DeviceTables.serves(e)) {
        continue; // machine actions, investigations, statistics, findbyip and findbytag check their own keys
      }
      for (Lookup l : e.lookups()) {
        KeyKind.of(l.pathTemplate()); // every lookup of the MDE API's tables is served (Graph's: GraphRoute)
      }
    }
    assertEquals(KeyKind.HASH, KeyKind.of(DefenderModel.FILES.statsPath()));
    assertEquals(KeyKind.ACCOUNT, KeyKind.of(DefenderModel.USER_ALERTS.lookups().get(0).pathTemplate()));
  }

  @Test void filesAndLogonUsersAreDeterministic() {
    final Instant now = Instant.parse("2026-02-01T00:00:00Z");
    final Tenant a = Tenant.generate(7, 300, 500, now, "t");
    final Tenant b = Tenant.generate(7, 300, 500, now, "t");
    assertEquals(a.fileCount(), b.fileCount());
    for (int i = 0; i < a.fileCount(); i++) {
      assertTrue(java.util.Arrays.equals(a.fileRow(i), b.fileRow(i)), "file " + i);
      assertEquals(a.defaultFileStats(a.fileSha1(i)), b.defaultFileStats(b.fileSha1(i)), "stats of file " + i);
    }
    for (int m = 0; m < 300; m++) {
      final List<Object[]> x = a.logonUsers(m);
      final List<Object[]> y = b.logonUsers(m);
      assertEquals(x.size(), y.size());
      for (int k = 0; k < x.size(); k++) {
        assertTrue(java.util.Arrays.equals(x.get(k), y.get(k)), "logon user " + k + " of machine " + m);
      }
    }
  }

  @Test void relatedLookupsOnTwentyThousandAlertsAnswer() {
    final Tenant t = Tenant.generate(42, 2_000, 20_000, Instant.parse("2026-02-01T00:00:00Z"),
        "4a3c2b1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    final String sha1 = t.fileSha1(0);
    final RowShape shape = new RowShape(DefenderModel.ALERTS);
    Object[] alert = t.table(DefenderModel.ALERTS).row(10_000, true);
    for (int i = 10_001; alert[shape.index("relatedUser/userName")] == null
        || alert[shape.index("machineId")] == null; i++) {
      alert = t.table(DefenderModel.ALERTS).row(i, true);
    }
    final String account = (String) alert[shape.index("relatedUser/userName")];
    final String machine = (String) alert[new RowShape(DefenderModel.ALERTS).index("machineId")];
    for (Object[] c : new Object[][] {{DefenderModel.FILE_ALERTS, sha1}, {DefenderModel.FILE_MACHINES, sha1},
        {DefenderModel.USER_ALERTS, account}, {DefenderModel.DOMAIN_MACHINES, "secure-login.com"},
        {DefenderModel.IP_ALERTS, "185.1.1.1"}, {DefenderModel.ALERTS, machine}}) {
      final Entity table = (Entity) c[0];
      final List<Lookup> lookups = table == DefenderModel.ALERTS ? table.lookupsBy("machine_id") : table.lookups();
      final long start = System.nanoTime();
      final Keyed k = t.keyed(table, lookups, (String) c[1]);
      final long firstMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(k.ok());
      final long again = System.nanoTime();
      t.keyed(table, lookups, (String) c[1]);
      final long cachedMs = (System.nanoTime() - again) / 1_000_000;
      System.out.printf("%s %s: %d rows, first %d ms, again %d ms%n", table.tableName(), c[1], k.rows().size(),
          firstMs, cachedMs);
    }
    assertTrue(t.fileStats(sha1, FileStats.DEFAULT_LOOK_BACK_HOURS).file().ok());
  }
}
