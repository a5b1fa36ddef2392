package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.ArrayList;
import java.util.List;

/**
 * Graph's {@code alertEvidence}, one item of a Graph alert's {@code evidence}. It is polymorphic
 * ({@code deviceEvidence}, {@code fileEvidence}, {@code processEvidence}, {@code userEvidence}, {@code ipEvidence},
 * {@code urlEvidence}, {@code mailboxEvidence}, {@code registryKeyEvidence}, {@code registryValueEvidence}, ...):
 * the fields are the union of the properties the searches need, flattened one level ({@code fileDetails.sha1}
 * becomes {@code file_details_sha1}); a property a type lacks is null.
 */
final class GraphEvidenceType {
  private GraphEvidenceType() {
  }

  /** Graph's {@code alertEvidence}. */
  static final ComplexType TYPE = new ComplexType("alertEvidence", fields());

  /** The file properties Graph nests as {@code fileDetails}, {@code imageFile} or {@code parentProcessImageFile}. */
  private static List<Column> file(String object, String what) {
    return List.of(
        Column.nested(object, "sha1", STRING).described("SHA-1 of " + what + "."),
        Column.nested(object, "sha256", STRING).described("SHA-256 of " + what + "."),
        Column.nested(object, "fileName", STRING).described("Name of " + what + "."),
        Column.nested(object, "filePath", STRING).described("Folder of " + what + "."),
        Column.nested(object, "fileSize", INT64).described("Size of " + what + " in bytes."),
        Column.nested(object, "filePublisher", STRING).described("Publisher of " + what + "."));
  }

  private static List<Column> fields() {
    final List<Column> c = new ArrayList<>();
    c.add(Column.of("@odata.type", STRING).named("evidence_type").notNull()
        .described("Kind of evidence, e.g. #microsoft.graph.security.fileEvidence."));
    c.add(Column.of("createdDateTime", DATE_TIME_OFFSET)
        .described("Time the evidence item was created (UTC)."));
    c.add(Column.ofEnum("verdict", GraphEnums.EVIDENCE_VERDICT)
        .described("Verdict on the evidence: unknown, suspicious, malicious, noThreatsFound."));
    c.add(Column.ofEnum("remediationStatus", GraphEnums.EVIDENCE_REMEDIATION_STATUS)
        .described("Remediation status of the evidence: none, remediated, prevented, blocked, notFound."));
    c.add(Column.of("remediationStatusDetails", STRING)
        .described("Details of the remediation status."));
    c.add(Column.of("roles", STRING_COLLECTION)
        .described("Roles of the evidence in the alert, e.g. compromised, attacker."));
    c.add(Column.of("detailedRoles", STRING_COLLECTION)
        .described("Detailed roles of the evidence, e.g. Main device."));
    c.add(Column.of("tags", STRING_COLLECTION)
        .described("Tags of the evidence."));
    c.add(Column.of("detectionStatus", STRING)
        .described("Detection status of a file or process, e.g. detected, blocked, prevented."));
    // device
    c.add(Column.of("mdeDeviceId", STRING)
        .described("Defender for Endpoint device id (40 hex digits) of the device the evidence is on."));
    c.add(Column.of("deviceDnsName", STRING)
        .described("DNS name of the device (device evidence)."));
    c.add(Column.of("azureAdDeviceId", STRING)
        .described("Microsoft Entra device id of the device."));
    c.add(Column.of("osPlatform", STRING)
        .described("Operating system platform of the device, e.g. Windows10."));
    c.add(Column.of("osBuild", INT64)
        .described("Operating system build of the device."));
    c.add(Column.ofEnum("healthStatus", GraphEnums.DEVICE_HEALTH_STATUS)
        .described("Health status of the device's sensor."));
    c.add(Column.ofEnum("riskScore", GraphEnums.DEVICE_RISK_SCORE)
        .described("Risk score of the device."));
    c.add(Column.of("rbacGroupName", STRING)
        .described("Device group of the device."));
    c.add(Column.of("firstSeenDateTime", DATE_TIME_OFFSET)
        .described("Time the device was first seen (UTC)."));
    c.add(Column.of("ipInterfaces", STRING_COLLECTION)
        .described("IP addresses of the device's interfaces."));
    // file and process
    c.addAll(file("fileDetails", "the evidence file"));
    c.add(Column.of("processId", INT64)
        .described("Id of the process (process evidence)."));
    c.add(Column.of("processCommandLine", STRING)
        .described("Command line of the process."));
    c.add(Column.of("processCreationDateTime", DATE_TIME_OFFSET)
        .described("Time the process was created (UTC)."));
    c.add(Column.of("parentProcessId", INT64)
        .described("Id of the process's parent process."));
    c.add(Column.of("parentProcessCreationDateTime", DATE_TIME_OFFSET)
        .described("Time the parent process was created (UTC)."));
    c.addAll(file("imageFile", "the process's image file"));
    c.add(Column.nested("parentProcessImageFile", "fileName", STRING)
        .described("Name of the parent process's image file."));
    c.add(Column.nested("parentProcessImageFile", "filePath", STRING)
        .described("Folder of the parent process's image file."));
    // user (user, process and mailbox evidence)
    c.add(Column.nested("userAccount", "accountName", STRING)
        .described("Account name of the user."));
    c.add(Column.nested("userAccount", "domainName", STRING)
        .described("Domain of the user's account."));
    c.add(Column.nested("userAccount", "userSid", STRING)
        .described("Security identifier (SID) of the user."));
    c.add(Column.nested("userAccount", "azureAdUserId", STRING)
        .described("Microsoft Entra object id of the user."));
    c.add(Column.nested("userAccount", "userPrincipalName", STRING)
        .described("User principal name (UPN) of the user."));
    c.add(Column.nested("userAccount", "displayName", STRING)
        .described("Display name of the user."));
    // mailbox
    c.add(Column.of("primaryAddress", STRING)
        .described("Primary email address of the mailbox (mailbox evidence)."));
    c.add(Column.of("displayName", STRING)
        .described("Display name of the mailbox."));
    // network
    c.add(Column.of("ipAddress", STRING)
        .described("IP address (IP evidence)."));
    c.add(Column.of("countryLetterCode", STRING)
        .described("Two-letter country code of the IP address."));
    c.add(Column.of("url", STRING)
        .described("URL (URL evidence)."));
    // registry
    c.add(Column.of("registryKey", STRING)
        .described("Registry key (registry evidence)."));
    c.add(Column.of("registryHive", STRING)
        .described("Registry hive of the key."));
    c.add(Column.of("registryValueName", STRING)
        .described("Name of the registry value."));
    c.add(Column.of("registryValue", STRING)
        .described("Data of the registry value."));
    c.add(Column.of("registryValueType", STRING)
        .described("Type of the registry value."));
    return c;
  }

}
