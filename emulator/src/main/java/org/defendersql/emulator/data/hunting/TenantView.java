package org.defendersql.emulator.data.hunting;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.emulator.data.ServedEntities;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.hunting.HuntingModel;

/**
 * The tenant as the hunting generators read it: its devices and accounts, its files by SHA-1 (with the md5 and
 * size the Defender API serves), its machines' rows and logon users, and the 30 days of hunting data before
 * "now".
 */
final class TenantView {
  /** A file of the tenant as the Defender API describes it. */
  record FileInfo(String sha1, String sha256, String md5, Long size) {
  }

  /**
   * A device renamed halfway through the hunting data: its reports and events before {@code at} carry
   * {@code previousName}, later ones its current DNS name (the Defender API's).
   */
  record Rename(String deviceId, String previousName, Instant at) {
  }

  final Tenant tenant;
  final HuntingFacts facts;
  final long seed;
  final Instant start;
  final Instant end;
  final EntityTable machines;
  final RowShape machineShape = new RowShape(DefenderModel.MACHINES);
  private final Map<String, FileInfo> files = new HashMap<>();
  private final Rename rename;

  TenantView(Tenant tenant, HuntingFacts facts, long seed, Instant now) {
    this.tenant = tenant;
    this.facts = facts;
    this.seed = seed;
    this.end = now;
    this.start = now.minus(HuntingModel.DATA_WINDOW);
    this.machines = tenant.table(DefenderModel.MACHINES);
    final RowShape fileShape = new RowShape(ServedEntities.of(DefenderModel.FILES));
    for (int i = 0; i < tenant.fileCount(); i++) {
      final Object[] f = tenant.fileRow(i);
      final FileInfo info = new FileInfo((String) f[fileShape.index("sha1")], (String) f[fileShape.index("sha256")],
          (String) f[fileShape.index("md5")], (Long) f[fileShape.index("size")]);
      files.put(info.sha1(), info);
    }
    this.rename = rename();
  }

  /**
   * The first Windows device seen from before the 30 days to their last week is renamed at their midpoint, from
   * {@code name-old} in its DNS domain to its current name; none when no device qualifies (a tiny tenant).
   */
  private Rename rename() {
    final Instant at = start.plus(span().dividedBy(2));
    for (HuntingFacts.Device d : facts.devices()) {
      final Instant first = (Instant) machine(d.index(), "firstSeen");
      final Instant last = (Instant) machine(d.index(), "lastSeen");
      final boolean seenThrough = last == null || last.isAfter(at.plus(span().dividedBy(4)));
      if (d.windows() && first != null && first.isBefore(start) && seenThrough) {
        final int dot = d.dnsName().indexOf('.');
        final String previous = dot < 0 ? d.dnsName() + "-old"
            : d.dnsName().substring(0, dot) + "-old" + d.dnsName().substring(dot);
        return new Rename(d.id(), previous, at);
      }
    }
    return null;
  }

  /** The renamed device, or null. */
  Rename renamed() {
    return rename;
  }

  /** The name a device had at a time: its DNS name, or before its rename its previous name. */
  String deviceName(HuntingFacts.Device d, Instant time) {
    return rename != null && rename.deviceId().equals(d.id()) && time.isBefore(rename.at()) ? rename.previousName()
        : d.dnsName();
  }

  List<HuntingFacts.Device> devices() {
    return facts.devices();
  }

  /** The Defender API's file of this SHA-1, or null. */
  FileInfo file(String sha1) {
    return files.get(sha1);
  }

  /** A property of a machine's row, by its JSON name. */
  Object machine(int index, String property) {
    return machines.row(index, false)[machineShape.index(property)];
  }

  /** The logon users of a machine, as {@code GET /api/machines/{id}/logonusers} serves them. */
  List<Object[]> logonUsers(int machineIndex) {
    return tenant.logonUsers(machineIndex);
  }

  Duration span() {
    return Duration.between(start, end);
  }
}
