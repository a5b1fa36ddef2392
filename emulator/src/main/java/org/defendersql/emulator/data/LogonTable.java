package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * The users who logged on to each machine ({@code GET /api/machines/{id}/logonusers}): the accounts the machine's
 * alerts name as logged on, then the IT staff who manage it (over the network or remote desktop), with the first
 * and last logon on that machine (whole seconds, within the machine's own first and last seen) and the logon
 * types. As in real list answers, the prevalence fields are null.
 */
final class LogonTable {
  /** A logon user as the API's JSON holds it (without the machine id of the path). */
  static final Entity SERVED = ServedEntities.of(DefenderModel.USERS);

  private final RowShape shape = new RowShape(SERVED);
  private final RowShape machine = new RowShape(DefenderModel.MACHINES);
  private final long seed;
  private final Instant now;
  private final Pools pools;
  private final List<Object[]> machineRows;
  /** The onboarded devices in machine order; the others have no logon users. */
  private final List<MachineFacts> devices;
  /** The IT staff who manage devices: a few people of the pool, the same in every run of a seed. */
  private final List<Integer> helpdesk = new ArrayList<>();
  /** The positions of the machines each account (lower case) logged on to, built on the first search by account. */
  private Map<String, int[]> machinesByAccount;

  LogonTable(long seed, Instant now, Pools pools, List<Object[]> machineRows, List<MachineFacts> devices) {
    this.seed = seed;
    this.now = now;
    this.pools = pools;
    this.machineRows = machineRows;
    this.devices = devices;
    final Rng staffPick = Rng.of(seed, 23, -1);
    for (int i = 0; i < Math.min(6, pools.users.size()); i++) {
      helpdesk.add(staffPick.nextInt(pools.users.size()));
    }
  }

  /**
   * The accounts that logged on to a device, as indexes into the pool (service accounts past the people): the
   * accounts its alerts name as logged on, then the IT staff who manage it.
   */
  private List<Integer> accounts(MachineFacts m) {
    final List<Integer> accounts = new ArrayList<>(m.users());
    // Beyond the device's own users (those its alerts name), IT staff log on to manage it.
    final Rng extra = Rng.of(seed, 23, m.index());
    final int staff = extra.between(1, m.dnsName().contains(".") && !m.dnsName().startsWith("desktop-")
        && !m.dnsName().startsWith("laptop-") ? 3 : 2);
    for (int i = 0; i < staff; i++) {
      final int admin = helpdesk.get(extra.nextInt(helpdesk.size()));
      if (!accounts.contains(admin)) {
        accounts.add(admin);
      }
    }
    return accounts;
  }

  private UserAccount account(int u) {
    return u >= pools.users.size() ? pools.serviceAccounts.get(u - pools.users.size()) : pools.users.get(u);
  }

  /**
   * The logon users of machine {@code index} (none for a machine that is not onboarded), generated when asked
   * for from the seed and the machine: a tenant of 100,000 machines holds none of them.
   */
  List<Object[]> users(int machineIndex) {
    final MachineFacts m = device(machineIndex);
    if (m == null) {
      return List.of();
    }
    final Rng r = Rng.of(seed, 21, m.index());
    final Object[] mr = machineRows.get(m.index());
    final Instant firstSeen = (Instant) mr[machine.index("firstSeen")];
    // Whole seconds, not before the machine's first report.
    final long first = firstSeen.getEpochSecond() + (firstSeen.getNano() > 0 ? 1 : 0);
    final Instant seen = (Instant) mr[machine.index("lastSeen")];
    final long last = Math.max(first, (seen == null ? now : seen).getEpochSecond());
    final List<Object[]> users = new ArrayList<>();
    final List<Integer> accounts = accounts(m);
    for (int k = 0; k < accounts.size(); k++) {
      final int u = accounts.get(k);
      final boolean own = k < m.users().size();
      final boolean service = u >= pools.users.size();
      final UserAccount a = account(u);
      final Object[] row = shape.newRow();
      final String domain = a.domainName().toLowerCase(Locale.ROOT);
      final long from = first + (long) ((last - first) * (k == 0 ? 0.05 : 0.6) * r.nextDouble());
      final String types = !own ? r.weighted(List.of("Network", "RemoteInteractive", "Interactive, Network"),
          new double[] {50, 35, 15})
          : service ? r.weighted(List.of("Network", "Batch", "Service", "Interactive, Network"),
          new double[] {50, 20, 20, 10}) : !m.windows() && m.dnsName().contains(".")
          ? r.weighted(List.of("Network", "RemoteInteractive"), new double[] {60, 40})
          : k == 0 ? r.weighted(List.of("Interactive", "Interactive, Network", "RemoteInteractive",
              "Interactive, RemoteInteractive"), new double[] {55, 30, 10, 5})
          : r.weighted(List.of("Interactive", "Network", "RemoteInteractive"), new double[] {40, 30, 30});
      final long to = k == 0 ? last - r.between(0, 3_600) : from + (long) ((last - from) * r.nextDouble());
      set(row, "id", domain + "\\" + a.accountName().toLowerCase(Locale.ROOT));
      set(row, "accountName", a.accountName());
      set(row, "accountDomain", domain);
      set(row, "accountSid", a.sid());
      set(row, "firstSeen", Instant.ofEpochSecond(Math.min(from, to)));
      set(row, "lastSeen", Instant.ofEpochSecond(Math.max(Math.max(from, to), first)));
      set(row, "logonTypes", types);
      users.add(row);
    }
    return List.copyOf(users);
  }

  /** The onboarded device at machine position {@code index}, or null: devices are in machine order. */
  private MachineFacts device(int index) {
    int lo = 0;
    int hi = devices.size() - 1;
    while (lo <= hi) {
      final int mid = (lo + hi) >>> 1;
      final int at = devices.get(mid).index();
      if (at == index) {
        return devices.get(mid);
      } else if (at < index) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  /** The positions of the machines an account (lower case) logged on to, in machine order. */
  List<Integer> machines(String account) {
    final int[] positions = byAccount().get(account);
    return positions == null ? List.of() : java.util.Arrays.stream(positions).boxed().toList();
  }

  private synchronized Map<String, int[]> byAccount() {
    if (machinesByAccount == null) {
      final Map<String, List<Integer>> lists = new HashMap<>();
      // Devices come in machine order and name an account once each, so every list is sorted and distinct.
      for (MachineFacts m : devices) {
        for (int u : accounts(m)) {
          lists.computeIfAbsent(account(u).accountName().toLowerCase(Locale.ROOT), x -> new ArrayList<>())
              .add(m.index());
        }
      }
      final Map<String, int[]> index = new HashMap<>();
      lists.forEach((k, v) -> index.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
      machinesByAccount = index;
    }
    return machinesByAccount;
  }

  private void set(Object[] row, String property, Object value) {
    row[shape.index(property)] = value;
  }
}
