package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.List;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.model.hunting.HuntingModel;

/**
 * {@code DeviceFileEvents}: the tenant's files (its suspicious samples and the system tools evidence names) created,
 * modified, renamed and deleted on its devices, with the hashes, md5 and size the Defender API has for them and,
 * for downloads, the attacker URL and IP they came from.
 */
final class FileEvents extends EventRows {
  private final int actionType = slots.at("ActionType");
  private final int fileName = slots.at("FileName");
  private final int folderPath = slots.at("FolderPath");
  private final int sha1 = slots.at("SHA1");
  private final int sha256 = slots.at("SHA256");
  private final int md5 = slots.at("MD5");
  private final int originUrl = slots.at("FileOriginUrl");
  private final int originIp = slots.at("FileOriginIP");
  private final int previousFolder = slots.at("PreviousFolderPath");
  private final int previousName = slots.at("PreviousFileName");
  private final int fileSize = slots.at("FileSize");
  private final int requestProtocol = slots.at("RequestProtocol");

  FileEvents(TenantView view, HuntingConfig config) {
    super(view, HuntingModel.DEVICE_FILE_EVENTS, 104, config, 0.25);
  }

  @Override
  void fill(Object[] row, Rng r, Instant time, HuntingFacts.Device device) {
    final HuntingFacts.Account account = account(r, device);
    final String action = r.weighted(List.of("FileCreated", "FileModified", "FileRenamed", "FileDeleted"),
        new double[] {50, 25, 10, 15});
    final String sep = device.windows() ? "\\" : "/";
    final String name;
    final String folder;
    final String hash;
    final String hash256;
    if (r.chance(0.6)) {
      final HuntingFacts.Sample s = r.pick(view.facts.samples());
      name = s.fileName();
      folder = device.windows() ? s.folder().replace("{user}", account.accountName()) : "/tmp";
      hash = s.sha1();
      hash256 = s.sha256();
      if (action.equals("FileCreated") && r.chance(0.5)) {
        row[originUrl] = "https://" + r.pick(view.facts.attackerDomains()) + "/download/" + name;
        row[originIp] = r.pick(view.facts.attackerIps());
      }
    } else {
      final HuntingFacts.Image image = image(r, device);
      name = image.fileName();
      folder = image.folder();
      hash = image.sha1();
      hash256 = image.sha256();
    }
    row[actionType] = action;
    row[fileName] = name;
    row[folderPath] = folder + sep + name;
    row[sha1] = hash;
    row[sha256] = r.chance(0.4) ? hash256 : "";
    final TenantView.FileInfo f = view.file(hash);
    row[md5] = f == null ? "" : f.md5();
    row[fileSize] = f == null ? null : f.size();
    if (action.equals("FileRenamed")) {
      row[previousFolder] = folder;
      row[previousName] = name + ".tmp";
    }
    row[requestProtocol] = "Local";
    initiating.fill(row, r, time, device, image(r, device), account, r.pick(view.facts.attackerDomains()));
  }
}
