package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;

/** The complex types that appear as elements of collection properties of alerts and machines. */
public final class ComplexTypes {
  private ComplexTypes() {
  }

  /** {@code AlertEvidence}: one item of an alert's {@code evidence}. */
  public static final ComplexType ALERT_EVIDENCE = new ComplexType("AlertEvidence", List.of(
      Column.ofEnum("entityType", DefenderEnums.EVIDENCE_ENTITY_TYPE).notNull()
          .described("Kind of entity the evidence item is."),
      Column.of("evidenceCreationTime", DATE_TIME_OFFSET).notNull()
          .described("Time the evidence item was created (UTC)."),
      Column.of("sha1", STRING).references("files", "sha1")
          .described("SHA-1 of the evidence file."),
      Column.of("sha256", STRING)
          .described("SHA-256 of the evidence file."),
      Column.of("fileName", STRING)
          .described("Name of the evidence file."),
      Column.of("filePath", STRING)
          .described("Path of the evidence file."),
      Column.of("processId", INT64)
          .described("Id of the process (process evidence)."),
      Column.of("processCommandLine", STRING)
          .described("Command line of the process."),
      Column.of("processCreationTime", DATE_TIME_OFFSET)
          .described("Time the process was created (UTC)."),
      Column.of("parentProcessId", INT64)
          .described("Id of the process's parent process."),
      Column.of("parentProcessCreationTime", DATE_TIME_OFFSET)
          .described("Time the parent process was created (UTC)."),
      Column.of("parentProcessFileName", STRING)
          .described("File name of the parent process."),
      Column.of("parentProcessFilePath", STRING)
          .described("File path of the parent process."),
      Column.of("ipAddress", STRING)
          .described("IP address (IP evidence)."),
      Column.of("url", STRING)
          .described("URL (URL evidence)."),
      Column.of("registryKey", STRING)
          .described("Registry key (registry evidence)."),
      Column.of("registryHive", STRING)
          .described("Registry hive of the key."),
      Column.of("registryValueType", STRING)
          .described("Type of the registry value."),
      Column.of("registryValue", STRING)
          .described("Data of the registry value."),
      Column.of("registryValueName", STRING)
          .described("Name of the registry value."),
      Column.of("accountName", STRING)
          .described("Account name of the user (user evidence)."),
      Column.of("domainName", STRING)
          .described("Domain of the user's account."),
      Column.of("userSid", STRING)
          .described("Security identifier (SID) of the user."),
      Column.of("aadUserId", STRING)
          .described("Microsoft Entra (Azure AD) object id of the user."),
      Column.of("userPrincipalName", STRING)
          .described("User principal name (UPN) of the user."),
      Column.of("detectionStatus", STRING)
          .described("Detection status of the evidence, e.g. Detected.")));

  /** {@code AlertComment}: one item of an alert's {@code comments}. */
  public static final ComplexType ALERT_COMMENT = new ComplexType("AlertComment", List.of(
      Column.of("comment", STRING)
          .described("Text of the comment."),
      Column.of("createdBy", STRING)
          .described("Who wrote the comment."),
      Column.of("createdTime", DATE_TIME_OFFSET).notNull()
          .described("Time the comment was written (UTC).")));

  /** Graph's {@code alertComment}: one item of a Graph alert's or incident's {@code comments}. */
  public static final ComplexType GRAPH_ALERT_COMMENT = new ComplexType("alertComment", List.of(
      Column.of("comment", STRING)
          .described("Text of the comment."),
      Column.of("createdByDisplayName", STRING)
          .described("Who wrote the comment."),
      Column.of("createdDateTime", DATE_TIME_OFFSET)
          .described("Time the comment was written (UTC).")));

  /** {@code LoggedOnUser}: one item of an alert's {@code loggedOnUsers}. */
  public static final ComplexType LOGGED_ON_USER = new ComplexType("LoggedOnUser", List.of(
      Column.of("accountName", STRING)
          .described("Account name of the user."),
      Column.of("domainName", STRING)
          .described("Domain of the user's account.")));

  /** {@code Domain}: one item of an alert's {@code domains}; the EDMX declares no properties. */
  public static final ComplexType DOMAIN = new ComplexType("Domain", List.of(
      Column.of("host", STRING)
          .described("Host name of the domain.")));

  /** {@code MachineIpAddress}: one item of a machine's {@code ipAddresses}. */
  public static final ComplexType MACHINE_IP_ADDRESS = new ComplexType("MachineIpAddress", List.of(
      Column.of("ipAddress", STRING)
          .described("IP address of the interface."),
      Column.of("macAddress", STRING)
          .described("MAC address of the interface."),
      Column.ofEnum("type", DefenderEnums.INTERFACE_TYPE)
          .described("Type of the interface."),
      Column.ofEnum("operationalStatus", DefenderEnums.IP_OPERATIONAL_STATUS)
          .described("Operational status of the interface.")));
}
