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
      Column.ofEnum("entityType", DefenderEnums.EVIDENCE_ENTITY_TYPE).notNull(),
      Column.of("evidenceCreationTime", DATE_TIME_OFFSET).notNull(),
      Column.of("sha1", STRING),
      Column.of("sha256", STRING),
      Column.of("fileName", STRING),
      Column.of("filePath", STRING),
      Column.of("processId", INT64),
      Column.of("processCommandLine", STRING),
      Column.of("processCreationTime", DATE_TIME_OFFSET),
      Column.of("parentProcessId", INT64),
      Column.of("parentProcessCreationTime", DATE_TIME_OFFSET),
      Column.of("parentProcessFileName", STRING),
      Column.of("parentProcessFilePath", STRING),
      Column.of("ipAddress", STRING),
      Column.of("url", STRING),
      Column.of("registryKey", STRING),
      Column.of("registryHive", STRING),
      Column.of("registryValueType", STRING),
      Column.of("registryValue", STRING),
      Column.of("registryValueName", STRING),
      Column.of("accountName", STRING),
      Column.of("domainName", STRING),
      Column.of("userSid", STRING),
      Column.of("aadUserId", STRING),
      Column.of("userPrincipalName", STRING),
      Column.of("detectionStatus", STRING)));

  /** {@code AlertComment}: one item of an alert's {@code comments}. */
  public static final ComplexType ALERT_COMMENT = new ComplexType("AlertComment", List.of(
      Column.of("comment", STRING),
      Column.of("createdBy", STRING),
      Column.of("createdTime", DATE_TIME_OFFSET).notNull()));

  /** {@code LoggedOnUser}: one item of an alert's {@code loggedOnUsers}. */
  public static final ComplexType LOGGED_ON_USER = new ComplexType("LoggedOnUser", List.of(
      Column.of("accountName", STRING),
      Column.of("domainName", STRING)));

  /** {@code Domain}: one item of an alert's {@code domains}; the EDMX declares no properties. */
  public static final ComplexType DOMAIN = new ComplexType("Domain", List.of(
      Column.of("host", STRING)));

  /** {@code MachineIpAddress}: one item of a machine's {@code ipAddresses}. */
  public static final ComplexType MACHINE_IP_ADDRESS = new ComplexType("MachineIpAddress", List.of(
      Column.of("ipAddress", STRING),
      Column.of("macAddress", STRING),
      Column.ofEnum("type", DefenderEnums.INTERFACE_TYPE),
      Column.ofEnum("operationalStatus", DefenderEnums.IP_OPERATIONAL_STATUS)));
}
