package org.defendersql.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.defendersql.model.DefenderModel;

/**
 * The software installed on each onboarded machine and how its vulnerabilities changed: the operating system (a
 * third of Windows devices lack the August 2024 update), then each application of the machine's platform with
 * probability 0.55, at the newest version or a vulnerable one, drawn from (seed, machine). Some devices updated a
 * vulnerable version to the newest within the last 30 days: the changes hold the old version's CVEs as Fixed then,
 * every CVE installed now as New when it was first seen, and a tenth of those as Updated once in the last 30 days.
 * The machine references, the vulnerability tables and the export are all derived from these facts.
 */
final class TvmInventory {
  /** A product version installed on a machine, seen from {@code firstSeen} to {@code lastSeen} (whole seconds). */
  record Installed(int machine, TvmCatalog.Product product, TvmCatalog.Version version, Instant firstSeen,
      Instant lastSeen) {
  }

  /** A change of the assessment: a CVE of an installed version that became New or was Fixed at {@code at}. */
  record Change(Installed installed, String cve, String status, Instant at) {
  }

  private final List<Installed> installed = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();

  TvmInventory(long seed, Instant now, List<Object[]> machineRows) {
    final RowShape shape = new RowShape(DefenderModel.MACHINES);
    final int platformAt = shape.index("osPlatform");
    final int onboardingAt = shape.index("onboardingStatus");
    final int firstAt = shape.index("firstSeen");
    final int lastAt = shape.index("lastSeen");
    final int buildAt = shape.index("osBuild");
    final int versionAt = shape.index("version");
    for (int m = 0; m < machineRows.size(); m++) {
      final Object[] row = machineRows.get(m);
      final String platform = (String) row[platformAt];
      final String family = TvmCatalog.family(platform);
      if (family == null || !"Onboarded".equals(row[onboardingAt])) {
        continue;
      }
      final Rng r = Rng.of(seed, 141, m);
      final long first = ((Instant) row[firstAt]).getEpochSecond() + 1;
      final long last = Math.max(first, row[lastAt] == null ? now.getEpochSecond()
          : ((Instant) row[lastAt]).getEpochSecond());
      final TvmCatalog.Product os = TvmCatalog.os(platform);
      final String osVersion = row[buildAt] != null ? "10.0." + row[buildAt] + "." + r.between(3000, 4700)
          : String.valueOf(row[versionAt]);
      final boolean unpatched = family.equals("windows") && r.chance(0.3);
      add(m, os, new TvmCatalog.Version(osVersion, unpatched ? List.of(TvmCatalog.WINDOWS_CVE) : List.of()), r,
          first, last, now, null);
      for (TvmCatalog.Product p : TvmCatalog.APPLICATIONS) {
        if (!p.platforms().contains(family) || !r.chance(0.55)) {
          continue;
        }
        final boolean newest = p.versions().size() == 1 || r.chance(0.6);
        final TvmCatalog.Version v = newest ? p.latest() : p.versions().get(r.between(1, p.versions().size() - 1));
        final TvmCatalog.Version updatedFrom = newest && p.versions().size() > 1 && r.chance(0.3)
            ? p.versions().get(r.between(1, p.versions().size() - 1)) : null;
        add(m, p, v, r, first, last, now, updatedFrom);
      }
    }
    changes.sort(Comparator.comparing(Change::at).thenComparing(c -> c.installed().machine())
        .thenComparing(c -> c.installed().product().id()).thenComparing(Change::cve));
  }

  private void add(int machine, TvmCatalog.Product p, TvmCatalog.Version v, Rng r, long first, long last,
      Instant now, TvmCatalog.Version updatedFrom) {
    final long since = first + (long) ((last - first) * 0.7 * r.nextDouble());
    final long seen = Math.max(since, last - r.between(0, 7_200));
    if (updatedFrom != null) {
      // The old version was installed first, then replaced by the newest within the last 30 days.
      final long at = Math.max(since + 1, now.getEpochSecond() - r.between(3_600, (int) Duration.ofDays(30)
          .toSeconds()));
      final Installed old = new Installed(machine, p, updatedFrom, Instant.ofEpochSecond(since),
          Instant.ofEpochSecond(at));
      for (String cve : updatedFrom.cves()) {
        changes.add(new Change(old, cve, "New", old.firstSeen()));
        changes.add(new Change(old, cve, "Fixed", Instant.ofEpochSecond(at)));
      }
      installed.add(new Installed(machine, p, v, Instant.ofEpochSecond(at), Instant.ofEpochSecond(Math.max(at,
          seen))));
      return;
    }
    final Installed now1 = new Installed(machine, p, v, Instant.ofEpochSecond(since), Instant.ofEpochSecond(seen));
    installed.add(now1);
    for (String cve : v.cves()) {
      changes.add(new Change(now1, cve, "New", now1.firstSeen()));
      // Some findings change later (a new disk path, a re-scored CVE): Updated, the finding still there.
      final long recent = Math.max(since + 1, now.getEpochSecond() - r.between(3_600, 30 * 86_400));
      if (r.chance(0.1) && recent < seen) {
        changes.add(new Change(now1, cve, "Updated", Instant.ofEpochSecond(recent)));
      }
    }
  }

  /** Every product version installed now, in machine order then the catalogue's. */
  List<Installed> installed() {
    return installed;
  }

  /** Every change, oldest first. */
  List<Change> changes() {
    return changes;
  }
}
