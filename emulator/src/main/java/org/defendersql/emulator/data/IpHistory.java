package org.defendersql.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.defendersql.model.DefenderModel;

/**
 * Which internal address each onboarded device held when, for {@code findbyip}: its last address since up to 40
 * days before its last report, and before that an earlier one, which for about a third of the devices is another
 * device's current address (DHCP hands addresses out again). So an address can name one device now and another a
 * week ago, which {@code last_ip_address} cannot tell.
 */
final class IpHistory {
  /** The service's window around the time asked for. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** One address held by a device from {@code from} (inclusive) to {@code to} (exclusive). */
  private record Lease(int machine, String ip, Instant from, Instant to) {
  }

  private final List<Lease> leases = new ArrayList<>();

  IpHistory(long seed, EntityTable machines) {
    final RowShape m = new RowShape(DefenderModel.MACHINES);
    final List<String> current = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      current.add((String) machines.row(i, false)[m.index("lastIpAddress")]);
    }
    for (int i = 0; i < machines.size(); i++) {
      final Object[] machine = machines.row(i, false);
      final Instant lastSeen = (Instant) machine[m.index("lastSeen")];
      final Instant firstSeen = (Instant) machine[m.index("firstSeen")];
      if (lastSeen == null || current.get(i) == null) {
        continue;
      }
      final Rng r = Rng.of(seed, 45, i);
      // The address it reported last, held since some hours to 40 days before that report.
      Instant since = Instant.ofEpochSecond(lastSeen.getEpochSecond() - r.between(3_600, 40 * 86_400));
      if (since.isBefore(firstSeen)) {
        since = firstSeen;
      }
      // A device is seen with an address while it reports: until its last report and a little after.
      final Instant end = lastSeen.plus(WINDOW);
      if (since.isBefore(end)) {
        leases.add(new Lease(i, current.get(i), since, end));
      }
      final Instant before = since.minusSeconds(r.between(7, 60) * 86_400L);
      final Instant earliest = before.isBefore(firstSeen) ? firstSeen : before;
      if (earliest.isBefore(since)) {
        final int other = r.nextInt((int) machines.size());
        final String previous = r.chance(0.35) && other != i && current.get(other) != null ? current.get(other)
            : current.get(i).substring(0, current.get(i).lastIndexOf('.') + 1) + r.between(2, 254);
        leases.add(new Lease(i, previous, earliest, since));
      }
    }
  }

  /** The positions of the devices that held the address within the window around {@code at}, in device order. */
  int[] machines(String ip, Instant at) {
    final Instant from = at.minus(WINDOW);
    final Instant to = at.plus(WINDOW);
    return leases.stream().filter(l -> l.ip().equals(ip) && l.from().isBefore(to) && l.to().isAfter(from))
        .mapToInt(Lease::machine).distinct().sorted().toArray();
  }
}
