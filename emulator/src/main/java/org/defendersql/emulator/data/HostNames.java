package org.defendersql.emulator.data;

import java.util.HashSet;
import java.util.Set;

/**
 * Gives each machine a host name that no other machine of the tenant has, at any tenant size. A name is drawn
 * from its kind's realistic pattern (a client's random hex, a server's role and the last digits of its index)
 * while that pattern still has a free name; once every name of the pattern is taken the machine gets an
 * index-derived name of another shape, unique by construction.
 *
 * <p>The patterns of servers are small: a Windows server's name ends in its index modulo 1,000 (8 roles, so 8
 * names per residue), a Linux server's in its index modulo 100 (15 names per residue). Redrawing until a free
 * name turned up, as the generator did, never ended once a residue's names were all taken: from 18,750 machines
 * on (8% Linux, 15 names per residue) always, and earlier at unlucky seeds (seed 1 at 10,000 machines). Drawing
 * while a free name exists keeps every name that the redrawing found, so tenants that started before keep
 * their data.
 */
final class HostNames {
  /** A Windows server's roles, the first part of its name. */
  private static final String[] SERVER_ROLES = {"app", "sql", "web", "dc", "file", "exch", "build", "print"};
  private static final String[] DISTROS = {"ubuntu", "rhel", "debian"};
  private static final String[] LINUX_ROLES = {"web", "db", "k8s", "etl", "api"};
  /** A client's prefixes ("desktop-" twice as likely) and its 7 hex digits. */
  private static final long CLIENT_NAMES = 2L << 28;

  private final Set<String> taken = new HashSet<>();
  /** Names of the drawn pattern taken per residue of the index. */
  private final int[] serversByResidue = new int[1000];
  private final int[] linuxByResidue = new int[100];
  private long clients;

  /** A Windows or macOS client: {@code desktop-} or {@code laptop-} and 7 random hex digits. */
  String client(Rng r, int index) {
    while (clients < CLIENT_NAMES) {
      final String name = r.pick("desktop-", "laptop-", "desktop-") + r.hex(7);
      if (taken.add(name)) {
        clients++;
        return name;
      }
    }
    // 8 hex digits never clash with the drawn names' 7; the multiplier is odd, so distinct indexes stay distinct.
    final String hex = Integer.toHexString(index * 0x9E3779B1);
    return "desktop-" + "0".repeat(8 - hex.length()) + hex;
  }

  /** A Windows server: {@code srv-}, a role and its index modulo 1,000 in three digits. */
  String windowsServer(Rng r, int index) {
    final int residue = index % 1000;
    while (serversByResidue[residue] < SERVER_ROLES.length) {
      final String name = "srv-" + r.pick(SERVER_ROLES) + padded(residue, 3);
      if (taken.add(name)) {
        serversByResidue[residue]++;
        return name;
      }
    }
    // Eight earlier servers share the residue, so the index has four digits or more: never a drawn name.
    return "srv-" + r.pick(SERVER_ROLES) + index;
  }

  /** A Linux server: a distribution, a role and its index modulo 100 in two digits. */
  String linux(Rng r, int index) {
    final int residue = index % 100;
    while (linuxByResidue[residue] < DISTROS.length * LINUX_ROLES.length) {
      final String name = r.pick(DISTROS) + "-" + r.pick(LINUX_ROLES) + "-" + padded(residue, 2);
      if (taken.add(name)) {
        linuxByResidue[residue]++;
        return name;
      }
    }
    // Fifteen earlier Linux servers share the residue, so the index has four digits or more: never a drawn name.
    return r.pick(DISTROS) + "-" + r.pick(LINUX_ROLES) + "-" + index;
  }

  /** {@code n} in at least {@code digits} digits, as {@code %0<digits>d} writes it, without a Formatter. */
  private static String padded(int n, int digits) {
    final String s = Integer.toString(n);
    return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
  }
}
