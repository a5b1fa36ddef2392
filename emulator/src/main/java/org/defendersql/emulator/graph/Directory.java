package org.defendersql.emulator.graph;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.emulator.data.ServedEntities;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.model.DefenderModel;

/**
 * What Graph's evidence tells of the tenant beyond the MDE alert itself: the directory's accounts (SID, Entra
 * object id, UPN of an account the alert names only by name), the files Defender knows (size, publisher) and the
 * machines (the device evidence's platform, build, health, risk and addresses).
 */
final class Directory {
  /** A file's facts that Graph's {@code fileDetails} carries and MDE evidence lacks. */
  record FileFacts(Long size, String publisher) {
  }

  private final Map<String, HuntingFacts.Account> accounts = new HashMap<>();
  private final Map<String, FileFacts> files = new HashMap<>();
  private final EntityTable machines;
  private final RowShape machine = new RowShape(DefenderModel.MACHINES);

  Directory(Tenant tenant, HuntingFacts facts) {
    facts.users().forEach(a -> accounts.put(key(a.domainName(), a.accountName()), a));
    facts.serviceAccounts().forEach(a -> accounts.put(key(a.domainName(), a.accountName()), a));
    final RowShape file = new RowShape(ServedEntities.of(DefenderModel.FILES));
    for (int i = 0; i < tenant.fileCount(); i++) {
      final Object[] f = tenant.fileRow(i);
      files.put(((String) f[file.index("sha1")]).toLowerCase(Locale.ROOT),
          new FileFacts((Long) f[file.index("size")], (String) f[file.index("filePublisher")]));
    }
    this.machines = tenant.table(DefenderModel.MACHINES);
  }

  /** The directory account of this domain and name (any case), or null. */
  HuntingFacts.Account account(String domain, String name) {
    return name == null ? null : accounts.get(key(domain, name));
  }

  /** The facts of the file of this SHA-1, or null. */
  FileFacts file(String sha1) {
    return sha1 == null ? null : files.get(sha1.toLowerCase(Locale.ROOT));
  }

  /** The machine of this id as the MDE API serves it, or null. */
  Object[] machine(String id) {
    final long i = id == null ? -1 : machines.find(id);
    return i < 0 ? null : machines.row(i, false);
  }

  /** A property of a machine row, by its JSON path. */
  Object machineValue(Object[] row, String jsonPath) {
    return row[machine.index(jsonPath)];
  }

  /** The key of an account: {@code domain\name}, lower case. */
  static String key(String domain, String name) {
    return (domain == null ? "" : domain.toLowerCase(Locale.ROOT)) + "\\" + name.toLowerCase(Locale.ROOT);
  }
}
