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
 * The files Defender knows in the tenant: every file that alerts' evidence can name (the suspicious samples of the
 * pool and the system binaries that appear as processes), with the properties of {@code GET /api/files/{hash}}
 * consistent with the evidence's hashes: md5, size, type, publisher and signature, a determination (Malware and
 * the like for the samples, Clean for Microsoft binaries) and global prevalence. Each file's properties come from
 * its own random stream, so adding them changed no alert.
 */
final class FileCatalog {
  /** The file as the API's JSON holds it: the FILES table's properties (no statistics). */
  static final Entity SERVED = ServedEntities.of(DefenderModel.FILES);
  private static final long DAY = 86_400;

  private final RowShape shape = new RowShape(SERVED);
  private final List<Object[]> rows = new ArrayList<>();
  private final List<String> sha1s = new ArrayList<>();
  private final Map<String, Integer> byHash = new HashMap<>();

  FileCatalog(long seed, Instant now, Pools pools) {
    int i = 0;
    for (FileSample f : pools.files) {
      add(sample(Rng.of(seed, 20, i++), now, f));
    }
    for (ProcessImage p : pools.windowsProcesses) {
      add(system(Rng.of(seed, 20, i++), now, p));
    }
    for (ProcessImage p : pools.unixProcesses) {
      add(system(Rng.of(seed, 20, i++), now, p));
    }
  }

  private void add(Object[] row) {
    final String sha1 = (String) row[shape.index("sha1")];
    if (byHash.containsKey(sha1)) {
      return;
    }
    byHash.put(sha1, rows.size());
    byHash.put((String) row[shape.index("sha256")], rows.size());
    sha1s.add(sha1);
    rows.add(row);
  }

  int size() {
    return rows.size();
  }

  /** The served row of file {@code i}. */
  Object[] row(int i) {
    return rows.get(i);
  }

  String sha1(int i) {
    return sha1s.get(i);
  }

  /** The position of the file with this SHA-1 or SHA-256 (any case), or -1. */
  int find(String hash) {
    final Integer i = byHash.get(hash.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  /** A suspicious sample: mostly malware, some unwanted software and hacking tools. */
  private Object[] sample(Rng r, Instant now, FileSample f) {
    final Object[] row = shape.newRow();
    final String name = f.fileName().toLowerCase(Locale.ROOT);
    final String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    final boolean pe = ext.equals("exe") || ext.equals("dll");
    final boolean sysinternals = name.startsWith("procdump") || name.startsWith("psexec");
    final ThreatFamily.Kind kind = name.startsWith("crack_") || name.startsWith("keygen_") || name.startsWith("miner")
        ? ThreatFamily.Kind.UNWANTED : sysinternals || name.startsWith("mimikatz") || name.startsWith("rubeus")
        || name.startsWith("nc") ? ThreatFamily.Kind.HACKTOOL : ThreatFamily.Kind.MALWARE;
    final ThreatFamily family = r.pick(ThreatFamily.of(kind == ThreatFamily.Kind.MALWARE && r.chance(0.1)
        ? ThreatFamily.Kind.RANSOMWARE : kind));
    set(row, "sha1", f.sha1());
    set(row, "sha256", f.sha256());
    set(row, "md5", r.hex(32));
    set(row, "globalPrevalence", sysinternals ? (long) r.between(2_000_000, 40_000_000) : (long) Math.max(1,
        Math.round(Math.pow(10, 1 + 4 * r.nextDouble()))));
    // Seen in the world before any alert of the tenant (whose alerts span 90 days), and still seen now.
    set(row, "globalFirstObserved", r.instant(now.getEpochSecond() - (90 + r.between(1, sysinternals ? 3_000
        : 400)) * DAY));
    set(row, "globalLastObserved", r.instant(now.getEpochSecond() - r.between(1, 59)));
    set(row, "size", (long) switch (ext) {
      case "docm", "xlsm" -> r.between(24_000, 400_000);
      case "hta", "ps1", "sh" -> r.between(600, 60_000);
      case "zip" -> r.between(200_000, 9_000_000);
      case "dll" -> r.between(80_000, 2_500_000);
      default -> r.between(40_000, 6_000_000);
    });
    set(row, "fileType", switch (ext) {
      case "exe", "dll" -> "APP";
      case "docm", "xlsm", "pdf" -> "Document";
      case "hta", "ps1", "sh" -> "Script";
      case "zip" -> "Archive";
      default -> "ELF";
    });
    set(row, "isPeFile", pe);
    if (sysinternals) {
      set(row, "filePublisher", "Sysinternals - www.sysinternals.com");
      set(row, "fileProductName", "Sysinternals " + (name.startsWith("psexec") ? "PsExec" : "ProcDump"));
      signed(r, row, "Microsoft Corporation", "Microsoft Code Signing PCA 2011", true);
    } else if (pe && r.chance(0.25)) {
      // Stolen or self-made certificates: signed, but not by a trusted chain.
      final String company = r.pick("Fast Invoice Software Ltd", "TOV \"Lamar\"", "Sivi Technology Limited",
          "AMCERT LLC");
      set(row, "filePublisher", company);
      set(row, "fileProductName", r.pick("Updater", "Document Viewer", "Setup"));
      signed(r, row, company, r.pick("Sectigo Public Code Signing CA R36", "DigiCert Trusted G4 Code Signing RSA4096"
          + " SHA384 2021 CA1"), r.chance(0.3));
    }
    set(row, "determinationType", switch (kind) {
      case UNWANTED -> r.chance(0.5) ? "Pua" : "Unwanted";
      case HACKTOOL -> sysinternals ? "Unwanted" : "Malware";
      default -> "Malware";
    });
    set(row, "determinationValue", family.threatName());
    return row;
  }

  /** A Microsoft (or Linux distribution) binary: clean, signed, ubiquitous. */
  private Object[] system(Rng r, Instant now, ProcessImage p) {
    final Object[] row = shape.newRow();
    set(row, "sha1", p.sha1());
    set(row, "sha256", p.sha256());
    set(row, "md5", r.hex(32));
    set(row, "globalPrevalence", (long) r.between(50_000_000, 1_500_000_000));
    set(row, "globalFirstObserved", r.instant(now.getEpochSecond() - r.between(300, 2_000) * DAY));
    set(row, "globalLastObserved", r.instant(now.getEpochSecond() - r.between(1, 59)));
    set(row, "isPeFile", !p.unix());
    if (p.unix()) {
      set(row, "size", (long) r.between(30_000, 6_000_000));
      set(row, "fileType", "ELF");
    } else {
      final boolean office = p.folder().contains("Office");
      set(row, "size", (long) r.between(office ? 1_500_000 : 20_000, office ? 4_000_000 : 900_000));
      set(row, "fileType", "APP");
      set(row, "filePublisher", "Microsoft Corporation");
      set(row, "fileProductName", office ? "Microsoft Office" : "Microsoft\u00ae Windows\u00ae Operating System");
      if (office) {
        signed(r, row, "Microsoft Corporation", "Microsoft Code Signing PCA 2011", true);
      } else {
        signed(r, row, "Microsoft Windows", "Microsoft Windows Production PCA 2011", true);
      }
    }
    set(row, "determinationType", "Clean");
    return row;
  }

  private void signed(Rng r, Object[] row, String signer, String issuer, boolean valid) {
    set(row, "signer", signer);
    set(row, "issuer", issuer);
    // One certificate per signer and issuer: every file it signed has the same signer hash.
    set(row, "signerHash", Rng.of(0, 22, (signer + "|" + issuer).hashCode()).hex(40));
    set(row, "isValidCertificate", valid);
  }

  private void set(Object[] row, String property, Object value) {
    row[shape.index(property)] = value;
  }
}
