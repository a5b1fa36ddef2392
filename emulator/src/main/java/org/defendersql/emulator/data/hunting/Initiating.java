package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.Locale;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;

/**
 * Fills the {@code InitiatingProcess*} columns of an event row with a process of the tenant's image pool (so its
 * hashes are files the Defender API knows) run by an account, the columns a table lacks being skipped.
 */
final class Initiating {
  private static final String[] PARENTS = {"explorer.exe", "services.exe", "svchost.exe", "WmiPrvSE.exe",
      "cmd.exe"};
  private final TenantView view;
  private final int accountDomain;
  private final int accountName;
  private final int accountSid;
  private final int accountUpn;
  private final int accountObjectId;
  private final int logonId;
  private final int integrity;
  private final int elevation;
  private final int sha1;
  private final int sha256;
  private final int md5;
  private final int fileName;
  private final int fileSize;
  private final int company;
  private final int product;
  private final int productVersion;
  private final int internalName;
  private final int originalName;
  private final int description;
  private final int id;
  private final int commandLine;
  private final int creationTime;
  private final int folderPath;
  private final int parentId;
  private final int parentFileName;
  private final int parentCreationTime;
  private final int signerType;
  private final int signatureStatus;
  private final int sessionId;
  private final int remoteSession;

  Initiating(RowSlots slots, TenantView view) {
    this.view = view;
    final var t = slots.table();
    accountDomain = t.indexOf("InitiatingProcessAccountDomain");
    accountName = t.indexOf("InitiatingProcessAccountName");
    accountSid = t.indexOf("InitiatingProcessAccountSid");
    accountUpn = t.indexOf("InitiatingProcessAccountUpn");
    accountObjectId = t.indexOf("InitiatingProcessAccountObjectId");
    logonId = t.indexOf("InitiatingProcessLogonId");
    integrity = t.indexOf("InitiatingProcessIntegrityLevel");
    elevation = t.indexOf("InitiatingProcessTokenElevation");
    sha1 = t.indexOf("InitiatingProcessSHA1");
    sha256 = t.indexOf("InitiatingProcessSHA256");
    md5 = t.indexOf("InitiatingProcessMD5");
    fileName = t.indexOf("InitiatingProcessFileName");
    fileSize = t.indexOf("InitiatingProcessFileSize");
    company = t.indexOf("InitiatingProcessVersionInfoCompanyName");
    product = t.indexOf("InitiatingProcessVersionInfoProductName");
    productVersion = t.indexOf("InitiatingProcessVersionInfoProductVersion");
    internalName = t.indexOf("InitiatingProcessVersionInfoInternalFileName");
    originalName = t.indexOf("InitiatingProcessVersionInfoOriginalFileName");
    description = t.indexOf("InitiatingProcessVersionInfoFileDescription");
    id = t.indexOf("InitiatingProcessId");
    commandLine = t.indexOf("InitiatingProcessCommandLine");
    creationTime = t.indexOf("InitiatingProcessCreationTime");
    folderPath = t.indexOf("InitiatingProcessFolderPath");
    parentId = t.indexOf("InitiatingProcessParentId");
    parentFileName = t.indexOf("InitiatingProcessParentFileName");
    parentCreationTime = t.indexOf("InitiatingProcessParentCreationTime");
    signerType = t.indexOf("InitiatingProcessSignerType");
    signatureStatus = t.indexOf("InitiatingProcessSignatureStatus");
    sessionId = t.indexOf("InitiatingProcessSessionId");
    remoteSession = t.indexOf("IsInitiatingProcessRemoteSession");
  }

  /** Sets the initiating process: {@code image} run by {@code account} on {@code device} before {@code time}. */
  void fill(Object[] row, Rng r, Instant time, HuntingFacts.Device device, HuntingFacts.Image image,
      HuntingFacts.Account account, String domainHint) {
    set(row, accountDomain, account.domainName().toLowerCase(Locale.ROOT));
    set(row, accountName, account.accountName());
    set(row, accountSid, account.sid());
    set(row, accountUpn, account.upn());
    set(row, accountObjectId, account.aadUserId());
    set(row, logonId, (long) r.between(100_000, 9_999_999));
    set(row, integrity, r.pick("Medium", "Medium", "High", "System"));
    set(row, elevation, r.pick("TokenElevationTypeDefault", "TokenElevationTypeLimited", "TokenElevationTypeFull"));
    set(row, sha1, image.sha1());
    set(row, sha256, r.chance(0.3) ? image.sha256() : "");
    final TenantView.FileInfo file = view.file(image.sha1());
    set(row, md5, file == null ? "" : file.md5());
    set(row, fileName, image.fileName());
    set(row, fileSize, file == null ? null : file.size());
    if (!image.unix()) {
      set(row, company, "Microsoft Corporation");
      set(row, product, image.folder().contains("Office") ? "Microsoft Office"
          : "Microsoft\u00ae Windows\u00ae Operating System");
      set(row, productVersion, "10.0.19041.1");
      set(row, internalName, image.fileName().replaceAll("(?i)\\.exe$", ""));
      set(row, originalName, image.fileName());
      set(row, description, image.fileName());
      set(row, signerType, "OsVendor");
      set(row, signatureStatus, "Valid");
    }
    set(row, id, (long) r.between(250, 12_000) * 4);
    set(row, commandLine, r.pick(image.commandLines()).replace("{file}", "update.exe").replace("{domain}",
        domainHint).replace("{ip}", "10.0.0.1").replace("{user}", account.accountName()));
    final Instant started = time.minusSeconds(r.between(1, 86_400));
    set(row, creationTime, started);
    set(row, folderPath, image.folder() + (image.unix() ? "/" : "\\") + image.fileName());
    set(row, parentId, (long) r.between(100, 8_000) * 4);
    set(row, parentFileName, image.unix() ? r.pick("bash", "sshd", "systemd") : r.pick(PARENTS));
    set(row, parentCreationTime, started.minusSeconds(r.between(1, 86_400)));
    set(row, sessionId, (long) r.between(0, 3));
    set(row, remoteSession, r.chance(0.1));
  }

  private static void set(Object[] row, int at, Object value) {
    if (at >= 0) {
      row[at] = value;
    }
  }
}
