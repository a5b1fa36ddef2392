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

  final Tenant tenant;
  final HuntingFacts facts;
  final long seed;
  final Instant start;
  final Instant end;
  final EntityTable machines;
  final RowShape machineShape = new RowShape(DefenderModel.MACHINES);
  private final Map<String, FileInfo> files = new HashMap<>();

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
