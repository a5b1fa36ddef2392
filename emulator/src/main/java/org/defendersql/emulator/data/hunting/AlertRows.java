package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.defendersql.emulator.data.EntityTable;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * {@code AlertInfo} and {@code AlertEvidence} from the tenant's alerts, whose creation time is their
 * {@code Timestamp}: the same ids, titles, categories, severities and techniques, and one evidence row per evidence
 * item of the Defender API's alert (files with their hashes, processes, users, IPs, URLs, registry values, the
 * device) plus a {@code Machine} row for the device the alert fired on when its evidence has none. Alerts are in
 * creation order, so a time range is found by
 * binary search.
 */
final class AlertRows {
  private static final RowShape ALERT = new RowShape(DefenderModel.ALERTS);
  private final TenantView view;
  private final EntityTable alerts;
  private final RowSlots info = new RowSlots(HuntingModel.ALERT_INFO);
  private final RowSlots evidence = new RowSlots(HuntingModel.ALERT_EVIDENCE);

  AlertRows(TenantView view) {
    this.view = view;
    this.alerts = view.tenant.table(DefenderModel.ALERTS);
  }

  HuntingRows infoRows() {
    return new HuntingRows() {
      @Override
      public HuntingTable table() {
        return HuntingModel.ALERT_INFO;
      }

      @Override
      public long size() {
        return alerts.size();
      }

      @Override
      public Stream<Object[]> rows(Instant from, Instant to) {
        return range(from, to).mapToObj(i -> info(alerts.row(i, false)));
      }
    };
  }

  HuntingRows evidenceRows() {
    return new HuntingRows() {
      @Override
      public HuntingTable table() {
        return HuntingModel.ALERT_EVIDENCE;
      }

      @Override
      public long size() {
        return alerts.size();
      }

      @Override
      public Stream<Object[]> rows(Instant from, Instant to) {
        return range(from, to).boxed().flatMap(i -> evidence(alerts.row(i, true)).stream());
      }
    };
  }

  /** The alert positions created in {@code [from, to)}, widened to the hunting data's 30 days when unbounded. */
  private LongStream range(Instant from, Instant to) {
    final Instant lo = from == null || from.isBefore(view.start) ? view.start : from;
    return LongStream.range(firstAtOrAfter(lo), to == null ? alerts.size() : firstAtOrAfter(to));
  }

  private long firstAtOrAfter(Instant t) {
    long lo = 0;
    long hi = alerts.size();
    while (lo < hi) {
      final long mid = (lo + hi) >>> 1;
      if (created(alerts.row(mid, false)).isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static Instant created(Object[] alert) {
    return (Instant) alert[ALERT.index("alertCreationTime")];
  }

  private static Object get(Object[] alert, String property) {
    return alert[ALERT.index(property)];
  }

  private Object[] info(Object[] alert) {
    final Object[] row = info.newRow();
    row[info.at("Timestamp")] = created(alert);
    row[info.at("AlertId")] = get(alert, "id");
    row[info.at("Title")] = get(alert, "title");
    row[info.at("Category")] = text(get(alert, "category"));
    row[info.at("Severity")] = text(get(alert, "severity"));
    row[info.at("ServiceSource")] = serviceSource(alert);
    row[info.at("DetectionSource")] = detectionSource(alert);
    row[info.at("AttackTechniques")] = techniques(alert);
    return row;
  }

  private List<Object[]> evidence(Object[] alert) {
    final List<Object[]> rows = new ArrayList<>();
    final String machineId = (String) get(alert, "machineId");
    final String device = text(get(alert, "computerDnsName"));
    boolean machineRow = false;
    for (Object item : (List<?>) get(alert, "evidence")) {
      final Map<?, ?> e = (Map<?, ?>) item;
      final Object[] row = common(alert);
      final String type = text(e.get("entityType"));
      set(row, "Timestamp", e.get("evidenceCreationTime"));
      set(row, "EntityType", switch (type) {
        case "RegistryKey" -> "RegistryValue";
        default -> type;
      });
      set(row, "EvidenceRole", type.equals("Ip") || type.equals("Url") ? "Related" : "Impacted");
      set(row, "EvidenceDirection", type.equals("Ip") || type.equals("Url") ? "Destination" : "");
      final String name = text(e.get("fileName"));
      final String folder = text(e.get("filePath"));
      set(row, "FileName", name);
      set(row, "FolderPath", folder.isEmpty() ? "" : folder + (folder.startsWith("/") ? "/" : "\\") + name);
      final String sha1 = text(e.get("sha1"));
      set(row, "SHA1", sha1);
      set(row, "SHA256", text(e.get("sha256")));
      final TenantView.FileInfo f = sha1.isEmpty() ? null : view.file(sha1);
      set(row, "FileSize", f == null ? null : f.size());
      set(row, "ThreatFamily", type.equals("File") ? text(get(alert, "threatFamilyName")) : "");
      set(row, "RemoteIP", text(e.get("ipAddress")));
      set(row, "RemoteUrl", text(e.get("url")));
      set(row, "AccountName", text(e.get("accountName")));
      set(row, "AccountDomain", text(e.get("domainName")));
      set(row, "AccountSid", text(e.get("userSid")));
      set(row, "AccountObjectId", text(e.get("aadUserId")));
      set(row, "AccountUpn", text(e.get("userPrincipalName")));
      machineRow |= type.equals("Machine");
      if (machineId != null && (type.equals("File") || type.equals("Process") || type.equals("Machine"))) {
        set(row, "DeviceId", machineId);
        set(row, "DeviceName", device);
      }
      set(row, "ProcessCommandLine", text(e.get("processCommandLine")));
      final String hive = text(e.get("registryHive"));
      final String key = text(e.get("registryKey"));
      set(row, "RegistryKey", key.isEmpty() ? "" : hive.isEmpty() ? key : hive + "\\" + key);
      set(row, "RegistryValueName", text(e.get("registryValueName")));
      set(row, "RegistryValueData", text(e.get("registryValue")));
      rows.add(row);
    }
    if (machineId != null && !machineRow) {
      final Object[] row = common(alert);
      set(row, "Timestamp", created(alert));
      set(row, "EntityType", "Machine");
      set(row, "EvidenceRole", "Impacted");
      set(row, "DeviceId", machineId);
      set(row, "DeviceName", device);
      rows.add(row);
    }
    return rows;
  }

  /** The alert's own columns that every evidence row repeats. */
  private Object[] common(Object[] alert) {
    final Object[] row = evidence.newRow();
    set(row, "AlertId", get(alert, "id"));
    set(row, "Title", get(alert, "title"));
    set(row, "Categories", "[\"" + text(get(alert, "category")) + "\"]");
    set(row, "AttackTechniques", techniques(alert));
    set(row, "ServiceSource", serviceSource(alert));
    set(row, "DetectionSource", detectionSource(alert));
    set(row, "Severity", text(get(alert, "severity")));
    return row;
  }

  private void set(Object[] row, String column, Object value) {
    row[evidence.at(column)] = value;
  }

  private static String serviceSource(Object[] alert) {
    return "OfficeATP".equals(get(alert, "detectionSource")) ? "Microsoft Defender for Office 365"
        : "Microsoft Defender for Endpoint";
  }

  /** The hunting tables' names of the Defender API's detection sources. */
  private static String detectionSource(Object[] alert) {
    final String s = text(get(alert, "detectionSource"));
    return switch (s) {
      case "WindowsDefenderAtp" -> "EDR";
      case "WindowsDefenderAv" -> "Antivirus";
      case "CustomDetection" -> "Custom detection";
      case "AutomatedInvestigation" -> "Automated investigation";
      case "OfficeATP" -> "Microsoft Defender for Office 365";
      case "WindowsDefenderSmartScreen" -> "SmartScreen";
      case "CustomerTI" -> "Custom TI";
      case "ThreatExperts" -> "Microsoft Defender Experts";
      default -> s;
    };
  }

  /** The MITRE techniques as the JSON array of ids the tables hold. */
  private static String techniques(Object[] alert) {
    final StringBuilder b = new StringBuilder("[");
    for (Object t : (List<?>) get(alert, "mitreTechniques")) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(t).append('"');
    }
    return b.append(']').toString();
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
