package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.Locale;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.model.hunting.HuntingModel;

/**
 * {@code DeviceProcessEvents}: processes created by the devices' users, mostly the tenant's system tools
 * (PowerShell, cmd, certutil, ...) and sometimes one of its suspicious samples, started by another tool.
 */
final class ProcessEvents extends EventRows {
  private final int actionType = slots.at("ActionType");
  private final int fileName = slots.at("FileName");
  private final int folderPath = slots.at("FolderPath");
  private final int sha1 = slots.at("SHA1");
  private final int sha256 = slots.at("SHA256");
  private final int md5 = slots.at("MD5");
  private final int fileSize = slots.at("FileSize");
  private final int company = slots.at("ProcessVersionInfoCompanyName");
  private final int product = slots.at("ProcessVersionInfoProductName");
  private final int originalName = slots.at("ProcessVersionInfoOriginalFileName");
  private final int processId = slots.at("ProcessId");
  private final int commandLine = slots.at("ProcessCommandLine");
  private final int integrity = slots.at("ProcessIntegrityLevel");
  private final int elevation = slots.at("ProcessTokenElevation");
  private final int creationTime = slots.at("ProcessCreationTime");
  private final int accountDomain = slots.at("AccountDomain");
  private final int accountName = slots.at("AccountName");
  private final int accountSid = slots.at("AccountSid");
  private final int accountUpn = slots.at("AccountUpn");
  private final int accountObjectId = slots.at("AccountObjectId");
  private final int logonId = slots.at("LogonId");

  ProcessEvents(TenantView view, HuntingConfig config) {
    super(view, HuntingModel.DEVICE_PROCESS_EVENTS, 102, config, 0.35);
  }

  @Override
  void fill(Object[] row, Rng r, Instant time, HuntingFacts.Device device) {
    final HuntingFacts.Account account = account(r, device);
    final String domain = r.pick(view.facts.attackerDomains());
    row[actionType] = "ProcessCreated";
    if (r.chance(0.12)) {
      final HuntingFacts.Sample s = r.pick(view.facts.samples());
      final String folder = device.windows() ? s.folder().replace("{user}", account.accountName())
          : "/tmp";
      setFile(row, s.fileName(), folder + (device.windows() ? "\\" : "/") + s.fileName(), s.sha1(), s.sha256());
      row[commandLine] = (device.windows() ? "\"" + folder + "\\" + s.fileName() + "\"" : "./" + s.fileName())
          + (r.chance(0.5) ? "" : " /silent");
    } else {
      final HuntingFacts.Image image = image(r, device);
      setFile(row, image.fileName(), image.folder() + (image.unix() ? "/" : "\\") + image.fileName(), image.sha1(),
          image.sha256());
      if (!image.unix()) {
        row[company] = "Microsoft Corporation";
        row[product] = "Microsoft\u00ae Windows\u00ae Operating System";
        row[originalName] = image.fileName().toLowerCase(Locale.ROOT);
      }
      row[commandLine] = r.pick(image.commandLines()).replace("{file}", "setup.exe").replace("{domain}", domain)
          .replace("{ip}", r.pick(view.facts.attackerIps())).replace("{user}", account.accountName());
    }
    row[processId] = (long) r.between(250, 12_000) * 4;
    row[integrity] = r.pick("Medium", "High", "System");
    row[elevation] = r.pick("TokenElevationTypeDefault", "TokenElevationTypeLimited", "TokenElevationTypeFull");
    row[creationTime] = time;
    row[accountDomain] = account.domainName().toLowerCase(Locale.ROOT);
    row[accountName] = account.accountName();
    row[accountSid] = account.sid();
    row[accountUpn] = account.upn();
    row[accountObjectId] = account.aadUserId();
    row[logonId] = (long) r.between(100_000, 9_999_999);
    initiating.fill(row, r, time, device, image(r, device), account, domain);
  }

  private void setFile(Object[] row, String name, String path, String sha1Value, String sha256Value) {
    row[fileName] = name;
    row[folderPath] = path;
    row[sha1] = sha1Value;
    // SHA256 is often empty in the service; SHA1 is the reliable hash.
    row[sha256] = sha256Value.hashCode() % 3 == 0 ? sha256Value : "";
    final TenantView.FileInfo f = view.file(sha1Value);
    row[md5] = f == null ? "" : f.md5();
    row[fileSize] = f == null ? null : f.size();
  }
}
