package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyst's searches give the same alerts on both APIs: the MDE API's related lookups (the alerts of a user, of
 * a file by SHA-1, of an IP, a machine's alerts) and the Graph alerts whose evidence names the user (by account name
 * or by email address), the file (SHA-1 or SHA-256 of a file or a process image), the IP or the device (by id or
 * DNS name).
 */
class GraphSearchesTest {
  private static DefenderEmulator emulator;
  private static List<Object[]> mde;
  private static List<JsonNode> graph;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(500).machines(40).now(Instant.parse("2026-11-30T12:00:00Z"))
        .build().start();
    mde = emulator.data().rows(DefenderModel.ALERTS).toList();
    graph = new GraphClient(emulator).all("/v1.0/security/alerts_v2");
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Object mde(Object[] alert, String sqlName) {
    return alert[DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column(sqlName).orElseThrow())];
  }

  /** The ids of the MDE API's answer to a related lookup, in its order. */
  private static List<String> related(Entity table, String key) {
    final int id = table.indexOf(table.column("id").orElseThrow());
    return emulator.data().lookup(table, key).map(r -> (String) r[id]).toList();
  }

  /** The ids of the Graph alerts with an evidence item the predicate accepts, in Graph's order. */
  private static List<String> graphAlerts(Predicate<JsonNode> item) {
    final List<String> ids = new ArrayList<>();
    for (JsonNode alert : graph) {
      for (JsonNode e : alert.get("evidence")) {
        if (item.test(e)) {
          ids.add(alert.get("id").asText());
          break;
        }
      }
    }
    return ids;
  }

  private static String text(JsonNode item, String object, String field) {
    final JsonNode o = item.get(object);
    return o == null || o.isNull() || o.get(field).isNull() ? null : o.get(field).asText();
  }

  private static String text(JsonNode item, String field) {
    final JsonNode v = item.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Every account the MDE alerts name (related user, logged-on users, evidence), in first-seen order. */
  private static List<String> accounts() {
    final Set<String> names = new LinkedHashSet<>();
    for (Object[] a : mde) {
      if (mde(a, "related_user_user_name") != null) {
        names.add((String) mde(a, "related_user_user_name"));
      }
      ((List<?>) mde(a, "logged_on_users")).forEach(u -> names.add((String) ((Map<?, ?>) u).get("accountName")));
      ((List<?>) mde(a, "evidence")).forEach(e -> {
        final Object n = ((Map<?, ?>) e).get("accountName");
        if (n != null) {
          names.add((String) n);
        }
      });
    }
    return new ArrayList<>(names);
  }

  @Test void alertsOfAUserByAccountName() {
    final List<String> accounts = accounts();
    assertTrue(accounts.size() > 20, accounts.toString());
    for (String account : accounts) {
      final List<String> want = related(DefenderModel.USER_ALERTS, account);
      assertFalse(want.isEmpty(), account);
      assertEquals(want, graphAlerts(e -> account.equalsIgnoreCase(text(e, "userAccount", "accountName"))), account);
    }
  }

  @Test void alertsOfAnEmailAddress() {
    int mailboxes = 0;
    for (String account : accounts()) {
      final String upn = account.toLowerCase(Locale.ROOT) + "@contoso.com";
      // The MDE API takes the account name: the address is sent as its part before '@'.
      final List<String> want = related(DefenderModel.USER_ALERTS, account);
      final List<String> got = graphAlerts(e -> upn.equalsIgnoreCase(text(e, "userAccount", "userPrincipalName"))
          || upn.equalsIgnoreCase(text(e, "primaryAddress")));
      assertEquals(want, got, upn);
      mailboxes += graphAlerts(e -> upn.equalsIgnoreCase(text(e, "primaryAddress"))).size();
    }
    assertTrue(mailboxes > 0, "some alerts name a mailbox");
  }

  @Test void alertsOfADeviceByIdAndDnsName() {
    final Set<String> machines = new LinkedHashSet<>();
    mde.forEach(a -> {
      if (mde(a, "machine_id") != null) {
        machines.add((String) mde(a, "machine_id"));
      }
    });
    assertTrue(machines.size() > 10, machines.toString());
    for (String machine : machines) {
      final List<String> want = mde.stream().filter(a -> machine.equals(mde(a, "machine_id")))
          .map(a -> (String) mde(a, "id")).toList();
      assertEquals(want, graphAlerts(e -> machine.equals(text(e, "mdeDeviceId"))
          && e.get("@odata.type").asText().endsWith(".deviceEvidence")), machine);
      final String dns = (String) mde.stream().filter(a -> machine.equals(mde(a, "machine_id"))).findFirst()
          .map(a -> mde(a, "computer_dns_name")).orElseThrow();
      assertEquals(want, graphAlerts(e -> dns.equals(text(e, "deviceDnsName"))), dns);
    }
  }

  @Test void alertsOfAFileBySha1AndSha256() {
    final Set<String> sha1s = new LinkedHashSet<>();
    mde.forEach(a -> ((List<?>) mde(a, "evidence")).forEach(e -> {
      final Object sha1 = ((Map<?, ?>) e).get("sha1");
      if (sha1 != null) {
        sha1s.add((String) sha1);
      }
    }));
    assertTrue(sha1s.size() > 20, sha1s.toString());
    final Entity files = DefenderModel.FILES;
    for (String sha1 : sha1s) {
      final List<String> want = related(DefenderModel.FILE_ALERTS, sha1);
      assertFalse(want.isEmpty(), sha1);
      assertEquals(want, graphAlerts(e -> sha1.equalsIgnoreCase(text(e, "fileDetails", "sha1"))
          || sha1.equalsIgnoreCase(text(e, "imageFile", "sha1"))), sha1);
      // By SHA-256: the MDE API finds the file by it, then the file's alerts by its SHA-1.
      final Object[] file = emulator.data().lookup(files, sha1).findFirst().orElseThrow();
      final String sha256 = (String) file[files.indexOf(files.column("sha256").orElseThrow())];
      final Object[] bySha256 = emulator.data().lookup(files, sha256).findFirst().orElseThrow();
      assertEquals(sha1, bySha256[files.indexOf(files.column("sha1").orElseThrow())]);
      assertEquals(want, graphAlerts(e -> sha256.equalsIgnoreCase(text(e, "fileDetails", "sha256"))
          || sha256.equalsIgnoreCase(text(e, "imageFile", "sha256"))), sha256);
    }
  }

  @Test void alertsOfAnIpAddress() {
    final Set<String> ips = new LinkedHashSet<>();
    mde.forEach(a -> ((List<?>) mde(a, "evidence")).forEach(e -> {
      final Object ip = ((Map<?, ?>) e).get("ipAddress");
      if (ip != null) {
        ips.add((String) ip);
      }
    }));
    assertFalse(ips.isEmpty());
    for (String ip : ips) {
      assertEquals(related(DefenderModel.IP_ALERTS, ip), graphAlerts(e -> ip.equals(text(e, "ipAddress"))), ip);
    }
  }
}
