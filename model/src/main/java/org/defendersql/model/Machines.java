package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.GUID;
import static org.defendersql.model.EdmType.INT32;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.EnumSet;
import java.util.List;

/**
 * The {@code machines} table: {@code GET /api/machines}. Every property of the EDMX {@code Machine} type plus
 * those real responses add ({@code osVersion}, {@code defenderAvStatus}); filterable as listed in the API
 * reference, with {@code startswith} on the DNS name and {@code any} on the tags.
 */
final class Machines {
  private Machines() {
  }

  /** The properties of a machine, shared with the tables of machines related to a user, a file, a domain. */
  static final List<Column> COLUMNS = List.of(
      Column.of("id", STRING).notNull().filterable()
          .described("Device id: 40 hex digits."),
      Column.of("computerDnsName", STRING).filterable(withStartsWith())
          .described("Fully qualified DNS name of the device (or its short name)."),
      Column.of("firstSeen", DATE_TIME_OFFSET)
          .described("Time the device was first seen by Defender (UTC)."),
      Column.of("lastSeen", DATE_TIME_OFFSET).filterable()
          .described("Time of the device's last full report, about once a day (UTC)."),
      Column.of("osPlatform", STRING).filterable()
          .described("Operating system platform, e.g. Windows10, Windows11."),
      Column.of("osVersion", STRING)
          .described("Operating system version as real responses send it (often null; see version)."),
      Column.of("osProcessor", STRING)
          .described("Processor of the operating system, e.g. x64 (superseded by os_architecture)."),
      Column.of("osArchitecture", STRING)
          .described("Operating system architecture: 32-bit or 64-bit."),
      Column.of("version", STRING).filterable()
          .described("Operating system version, e.g. 21H2 or 1709."),
      Column.of("osBuild", INT64)
          .described("Operating system build number."),
      Column.of("agentVersion", STRING)
          .described("Version of the Defender sensor on the device."),
      Column.of("lastIpAddress", STRING).filterable()
          .described("Last IP address of the device on its local network."),
      Column.of("lastExternalIpAddress", STRING)
          .described("Last IP address through which the device reached the internet."),
      Column.ofEnum("healthStatus", DefenderEnums.HEALTH_STATUS).notNull().filterable()
          .described("Health status of the device."),
      Column.ofEnum("onboardingStatus", DefenderEnums.ONBOARDING_STATUS).notNull().filterable()
          .described("Onboarding status of the device."),
      Column.ofEnum("riskScore", DefenderEnums.RISK_SCORE).filterable()
          .described("Risk score of the device."),
      Column.ofEnum("exposureLevel", DefenderEnums.EXPOSURE_LEVEL).notNull().filterable()
          .described("Exposure level of the device."),
      Column.ofEnum("deviceValue", DefenderEnums.DEVICE_VALUE).notNull().filterable()
          .described("Value assigned to the device."),
      Column.of("rbacGroupId", INT32).notNull().filterable()
          .described("Id of the device group (RBAC group)."),
      Column.of("rbacGroupName", STRING)
          .described("Name of the device group (filter on rbac_group_id instead)."),
      Column.of("isAadJoined", BOOLEAN)
          .described("Whether the device is joined to Microsoft Entra ID (Azure AD)."),
      Column.of("aadDeviceId", GUID).filterable()
          .described("Microsoft Entra (Azure AD) device id, when the device is joined."),
      Column.of("machineTags", STRING_COLLECTION).filterable(EnumSet.of(FilterOperator.ANY))
          .described("Tags of the device."),
      Column.complexCollection("ipAddresses", ComplexTypes.MACHINE_IP_ADDRESS)
          .described("Network interfaces as a JSON array of {ipAddress, macAddress, type, operationalStatus}."),
      Column.of("defenderAvStatus", STRING)
          .described("Status of Defender Antivirus on the device, e.g. Updated (sent by the API, not in its EDMX)."),
      Column.ofEnum("managedBy", DefenderEnums.MANAGED_BY).notNull()
          .described("What manages the device."),
      Column.ofEnum("managedByStatus", DefenderEnums.MANAGED_BY_STATUS).notNull()
          .described("Status of the device's management."),
      Column.of("isPotentialDuplication", BOOLEAN).notNull()
          .described("Whether the device is flagged as a potential duplicate of another device."),
      Column.of("isExcluded", BOOLEAN).notNull()
          .described("Whether the device is excluded (see exclusion_reason)."),
      Column.of("mergedIntoMachineId", STRING).references("machines", "id")
          .described("Id of the device this device was merged into, if any."),
      Column.ofEnum("exclusionReason", DefenderEnums.EXCLUSION_REASON)
          .described("Why the device is excluded."),
      Column.nested("vmMetadata", "vmId", STRING)
          .described("Virtual machine id, for a virtual machine."),
      Column.nested("vmMetadata", "cloudProvider", EdmType.ENUM)
          .withMembers(DefenderEnums.VM_CLOUD_PROVIDER)
          .described("Cloud provider of the virtual machine."),
      Column.nested("vmMetadata", "resourceId", STRING)
          .described("Cloud resource id of the virtual machine."),
      Column.nested("vmMetadata", "subscriptionId", STRING)
          .described("Cloud subscription id of the virtual machine."));

  static final Entity ENTITY = Entity.builder("machines")
      .entitySet("Machines")
      .path("/api/machines")
      .key("id")
      .primaryKey("id")
      .nearlyUnique("computer_dns_name")
      .readRoles("Machine.Read.All", "Machine.ReadWrite.All")
      .estimatedRows(2_000)
      .columns(COLUMNS)
      .lookup(new Lookup("/api/machines/{key}", "id", true, "[0-9a-fA-F]{40}"))
      .description("A device onboarded to (or discovered by) Defender for Endpoint.")
      .successor("hunting.device_context")
      .build();

  private static EnumSet<FilterOperator> withStartsWith() {
    final EnumSet<FilterOperator> ops = EnumSet.copyOf(Column.COMPARISONS);
    ops.add(FilterOperator.STARTSWITH);
    return ops;
  }
}
