package org.defendersql.emulator.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.model.DefenderModel;

/**
 * A Graph alert's {@code evidence} from the MDE alert of the same id: a {@code deviceEvidence} for the device the
 * alert fired on, then one item per MDE evidence item (files, processes, users or, for Office alerts, mailboxes,
 * IPs, URLs, registry values; the MDE {@code Machine} item is the device evidence), then a {@code userEvidence}
 * ({@code contextual}) for each account the MDE API relates the alert to (its related user and the device's
 * logged-on users) that no item names. So the alerts whose Graph evidence names a user, a mailbox, a device or a
 * file are exactly the alerts the MDE API relates to them ({@code /api/users/{account}/alerts},
 * {@code /api/files/{sha1}/alerts}, the machine's alerts). Accounts are completed from the directory (SID, Entra
 * object id, UPN), files from the tenant's file catalog (size, publisher), the device from its machine.
 */
final class GraphEvidenceMapper {
  private static final RowShape ALERT = new RowShape(DefenderModel.ALERTS);
  private final Directory directory;

  GraphEvidenceMapper(Directory directory) {
    this.directory = directory;
  }

  /** The Graph evidence of an MDE alert row that holds its evidence. */
  List<Map<String, Object>> evidence(Object[] alert) {
    final List<Map<String, Object>> items = new ArrayList<>();
    final String machineId = (String) get(alert, "machineId");
    final Instant created = (Instant) get(alert, "alertCreationTime");
    if (machineId != null) {
      items.add(device(machineId, (String) get(alert, "computerDnsName"), created));
    }
    final boolean office = machineId == null && "OfficeATP".equals(get(alert, "detectionSource"));
    final Set<String> named = new HashSet<>();
    for (Object o : (List<?>) get(alert, "evidence")) {
      final Map<?, ?> e = (Map<?, ?>) o;
      final EvidenceTypes.Item item = item(e, machineId, office);
      if (item == null) {
        continue;
      }
      if (item.get("userAccount") instanceof Map<?, ?> account) {
        named.add(Directory.key((String) account.get("domainName"), (String) account.get("accountName")));
      }
      items.add(item.build());
    }
    final Map<String, String[]> related = new LinkedHashMap<>();
    final String relatedUser = (String) get(alert, "relatedUser/userName");
    if (relatedUser != null) {
      final String domain = (String) get(alert, "relatedUser/domainName");
      related.put(Directory.key(domain, relatedUser), new String[] {domain, relatedUser});
    }
    for (Object o : (List<?>) get(alert, "loggedOnUsers")) {
      final Map<?, ?> u = (Map<?, ?>) o;
      final String domain = (String) u.get("domainName");
      final String name = (String) u.get("accountName");
      related.putIfAbsent(Directory.key(domain, name), new String[] {domain, name});
    }
    related.forEach((key, account) -> {
      if (!named.contains(key)) {
        items.add(EvidenceTypes.USER.item().set("createdDateTime", created).set("verdict", "unknown")
            .set("remediationStatus", "none").set("roles", List.of("contextual"))
            .object("userAccount", account(account[0], account[1], null)).build());
      }
    });
    return List.copyOf(items);
  }

  /** The Graph item of one MDE evidence item, or null for the MDE {@code Machine} item. */
  private EvidenceTypes.Item item(Map<?, ?> e, String machineId, boolean office) {
    final String type = (String) e.get("entityType");
    final EvidenceTypes.Item item;
    switch (type) {
      case "Machine":
        return null;
      case "File":
        item = EvidenceTypes.FILE.item().set("mdeDeviceId", machineId)
            .object("fileDetails", file((String) e.get("sha1"), (String) e.get("sha256"), (String) e.get("fileName"),
                (String) e.get("filePath")));
        detected(item, (String) e.get("detectionStatus"));
        break;
      case "Process": {
        final Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("fileName", e.get("parentProcessFileName"));
        parent.put("filePath", e.get("parentProcessFilePath"));
        item = EvidenceTypes.PROCESS.item().set("mdeDeviceId", machineId)
            .object("imageFile", file((String) e.get("sha1"), (String) e.get("sha256"), (String) e.get("fileName"),
                (String) e.get("filePath")))
            .set("processId", e.get("processId")).set("processCommandLine", e.get("processCommandLine"))
            .set("processCreationDateTime", e.get("processCreationTime"))
            .set("parentProcessId", e.get("parentProcessId"))
            .set("parentProcessCreationDateTime", e.get("parentProcessCreationTime"))
            .object("parentProcessImageFile", parent)
            .object("userAccount", account((String) e.get("domainName"), (String) e.get("accountName"),
                (String) e.get("userSid")));
        detected(item, (String) e.get("detectionStatus"));
        break;
      }
      case "User": {
        final Map<String, Object> account = account((String) e.get("domainName"), (String) e.get("accountName"),
            (String) e.get("userSid"));
        if (e.get("aadUserId") != null) {
          account.put("azureAdUserId", e.get("aadUserId"));
        }
        if (e.get("userPrincipalName") != null) {
          account.put("userPrincipalName", e.get("userPrincipalName"));
        }
        // An Office alert's user is a mailbox to Graph.
        item = office ? EvidenceTypes.MAILBOX.item().set("primaryAddress", account.get("userPrincipalName"))
            : EvidenceTypes.USER.item();
        item.object("userAccount", account).set("verdict", "suspicious").set("remediationStatus", "none");
        break;
      }
      case "Ip":
        item = EvidenceTypes.IP.item().set("ipAddress", e.get("ipAddress")).set("verdict", "suspicious")
            .set("remediationStatus", "none").set("roles", List.of("destination"));
        break;
      case "Url":
        item = EvidenceTypes.URL.item().set("url", e.get("url")).set("verdict", "suspicious")
            .set("remediationStatus", "none").set("roles", List.of("destination"));
        break;
      case "RegistryKey": {
        final String hive = (String) e.get("registryHive");
        String key = (String) e.get("registryKey");
        // Graph names the key below its hive.
        if (hive != null && key != null && key.toUpperCase(Locale.ROOT).startsWith(hive.toUpperCase(Locale.ROOT)
            + "\\")) {
          key = key.substring(hive.length() + 1);
        }
        item = e.get("registryValueName") == null
            ? EvidenceTypes.REGISTRY_KEY.item()
            : EvidenceTypes.REGISTRY_VALUE.item().set("mdeDeviceId", machineId)
                .set("registryValueName", e.get("registryValueName")).set("registryValue", e.get("registryValue"))
                .set("registryValueType", e.get("registryValueType"));
        item.set("registryHive", hive).set("registryKey", key).set("verdict", "suspicious")
            .set("remediationStatus", "none");
        break;
      }
      default:
        throw new IllegalStateException("no Graph evidence type for the MDE evidence type " + type);
    }
    return item.set("createdDateTime", e.get("evidenceCreationTime"));
  }

  /** Verdict and remediation of a file or process from its MDE detection status. */
  private static void detected(EvidenceTypes.Item item, String status) {
    item.set("detectionStatus", status == null ? null : status.toLowerCase(Locale.ROOT))
        .set("verdict", status == null ? "suspicious" : "malicious")
        .set("remediationStatus", "Prevented".equals(status) ? "prevented" : "Blocked".equals(status) ? "blocked"
            : "none");
  }

  private Map<String, Object> file(String sha1, String sha256, String name, String folder) {
    final Directory.FileFacts facts = directory.file(sha1);
    final Map<String, Object> f = new LinkedHashMap<>();
    f.put("sha1", sha1);
    f.put("sha256", sha256);
    f.put("fileName", name);
    f.put("filePath", folder);
    f.put("fileSize", facts == null ? null : facts.size());
    f.put("filePublisher", facts == null ? null : facts.publisher());
    return f;
  }

  /** Graph's {@code userAccount} of an account the MDE alert names, completed from the directory. */
  private Map<String, Object> account(String domain, String name, String sid) {
    final HuntingFacts.Account a = directory.account(domain, name);
    final Map<String, Object> u = new LinkedHashMap<>();
    u.put("accountName", name);
    u.put("domainName", domain);
    u.put("userSid", sid != null ? sid : a == null ? null : a.sid());
    u.put("azureAdUserId", a == null ? null : a.aadUserId());
    u.put("userPrincipalName", a == null ? null : a.upn());
    return u;
  }

  /** The {@code deviceEvidence} of the alert's device, from the machine as the MDE API serves it. */
  private Map<String, Object> device(String machineId, String dnsName, Instant created) {
    final Object[] m = directory.machine(machineId);
    final EvidenceTypes.Item item = EvidenceTypes.DEVICE.item().set("createdDateTime", created)
        .set("verdict", "suspicious").set("remediationStatus", "none").set("roles", List.of("compromised"))
        .set("detailedRoles", List.of("PrimaryDevice")).set("mdeDeviceId", machineId).set("deviceDnsName", dnsName);
    if (m != null) {
      final List<String> addresses = new ArrayList<>();
      for (Object o : (List<?>) directory.machineValue(m, "ipAddresses")) {
        final Object ip = ((Map<?, ?>) o).get("ipAddress");
        if (ip != null && !addresses.contains(ip)) {
          addresses.add((String) ip);
        }
      }
      item.set("azureAdDeviceId", directory.machineValue(m, "aadDeviceId"))
          .set("osPlatform", directory.machineValue(m, "osPlatform"))
          .set("osBuild", directory.machineValue(m, "osBuild"))
          .set("healthStatus", GraphEnumMapping.healthStatus((String) directory.machineValue(m, "healthStatus")))
          .set("riskScore", GraphEnumMapping.riskScore((String) directory.machineValue(m, "riskScore")))
          .set("rbacGroupName", directory.machineValue(m, "rbacGroupName"))
          .set("firstSeenDateTime", directory.machineValue(m, "firstSeen"))
          .set("ipInterfaces", List.copyOf(addresses));
    }
    return item.build();
  }

  private static Object get(Object[] alert, String jsonPath) {
    return alert[ALERT.index(jsonPath)];
  }
}
