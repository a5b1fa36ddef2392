package org.defendersql.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Machine host names and account names are unique at any tenant size: a name pattern whose names are all taken
 * gives index-derived names instead of redrawing for ever (which hung from 18,750 machines on, and at seed 1 with
 * 10,000), while tenants that started before keep exactly the names they had.
 */
class HostNamesTest {
  private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
  private static final Entity MACHINES = DefenderModel.MACHINES;
  private static final int ID = MACHINES.indexOf(MACHINES.key());
  private static final int DNS = MACHINES.indexOf(MACHINES.column("computer_dns_name").orElseThrow());

  // The timeouts only stop a hang (the old generator looped for ever); none of these takes more than seconds.
  @Test @Timeout(value = 60, unit = TimeUnit.SECONDS) void linuxServersBeyondTheFifteenNamesOfAResidue() {
    final HostNames names = new HostNames();
    final Set<String> seen = new HashSet<>();
    // Twenty Linux servers whose index ends in 07: the drawn pattern has 3 x 5 names ending in -07.
    for (int k = 0; k < 20; k++) {
      final int index = 7 + 100 * k;
      final String name = names.linux(Rng.of(1, 2, index), index);
      assertTrue(seen.add(name), "unique: " + name);
      if (k < 15) {
        assertTrue(name.matches("(ubuntu|rhel|debian)-(web|db|k8s|etl|api)-07"), name);
      } else {
        assertTrue(name.matches("(ubuntu|rhel|debian)-(web|db|k8s|etl|api)-" + index), name);
      }
    }
  }

  @Test @Timeout(value = 60, unit = TimeUnit.SECONDS) void windowsServersBeyondTheEightRolesOfAResidue() {
    final HostNames names = new HostNames();
    final Set<String> seen = new HashSet<>();
    for (int k = 0; k < 12; k++) {
      final int index = 42 + 1000 * k;
      final String name = names.windowsServer(Rng.of(7, 2, index), index);
      assertTrue(seen.add(name), "unique: " + name);
      assertTrue(name.matches("srv-[a-z]+" + (k < 8 ? "042" : Integer.toString(index))), name);
    }
  }

  @Test @Timeout(value = 120, unit = TimeUnit.SECONDS) void seedOneWithTenThousandMachines() {
    final Tenant tenant = Tenant.generate(1, 10_000, 100, NOW, "t");
    assertEquals(10_000, tenant.table(MACHINES).size());
    assertUniqueNames(tenant, 10_000);
  }

  @Test @Timeout(value = 120, unit = TimeUnit.SECONDS) void aHundredThousandMachinesAndTheirUsers() {
    final Tenant tenant = Tenant.generate(1, 100_000, 0, NOW, "t");
    assertUniqueNames(tenant, 100_000);
    final List<String> names = dnsNames(tenant);
    // Servers outnumber their patterns at this size: some names are the index-derived ones.
    assertTrue(names.stream().anyMatch(n -> n.matches("srv-[a-z]+\\d{4,}\\.contoso\\.com")), "Windows servers");
    assertTrue(names.stream().anyMatch(n -> n.matches("[a-z]+-[a-z0-9]+-\\d{4,}\\.contoso\\.com")), "Linux");
    // 80,000 people, almost every name the pool can draw: the rest are derived from their relative ids.
    final HuntingFacts facts = tenant.huntingFacts();
    assertEquals(80_000, facts.users().size());
    final Set<String> accounts = new HashSet<>();
    Stream.concat(facts.users().stream(), facts.serviceAccounts().stream())
        .forEach(a -> assertTrue(accounts.add(a.accountName().toLowerCase(Locale.ROOT)), a.accountName()));
    assertTrue(facts.users().stream().anyMatch(a -> a.accountName().matches("[a-z]+\\d{4,}")), "derived names");
  }

  /**
   * The names and ids of two tenants as the generator made them before names became unique by construction
   * (digests of "id name" lines taken then): a tenant that started keeps its data.
   */
  @Test void tenantsThatStartedBeforeKeepTheirNames() throws Exception {
    assertEquals("19350db25397a254319a3827202075bbc89b2258fa14f52c0d1a5958d5331285",
        digest(Tenant.generate(42, 2_000, 0, NOW, "t")));
    assertEquals("47e71641299c65d9be323dd7b5ce203c7987fbd4d376a4d3ec3daabeeb53f8c1",
        digest(Tenant.generate(7, 8_000, 0, NOW, "t")));
  }

  private static String digest(Tenant tenant) throws Exception {
    final MessageDigest md = MessageDigest.getInstance("SHA-256");
    final EntityTable table = tenant.table(MACHINES);
    for (long i = 0; i < table.size(); i++) {
      final Object[] row = table.row(i, false);
      md.update((row[ID] + " " + row[DNS] + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static List<String> dnsNames(Tenant tenant) {
    final EntityTable table = tenant.table(MACHINES);
    final List<String> names = new java.util.ArrayList<>();
    for (long i = 0; i < table.size(); i++) {
      names.add((String) table.row(i, false)[DNS]);
    }
    return names;
  }

  /** Every DNS name once (ignoring case, as the API looks them up), and each finds its own machine. */
  private static void assertUniqueNames(Tenant tenant, int count) {
    final EntityTable table = tenant.table(MACHINES);
    final List<String> names = dnsNames(tenant);
    assertEquals(count, names.size());
    assertEquals(count, names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().count(), "distinct names");
    for (int i = 0; i < count; i++) {
      assertEquals(i, table.find(names.get(i)), names.get(i));
    }
  }
}
