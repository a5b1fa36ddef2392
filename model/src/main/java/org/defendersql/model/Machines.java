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
      Column.of("id", STRING).notNull().filterable(),
      Column.of("computerDnsName", STRING).filterable(withStartsWith()),
      Column.of("firstSeen", DATE_TIME_OFFSET),
      Column.of("lastSeen", DATE_TIME_OFFSET).filterable(),
      Column.of("osPlatform", STRING).filterable(),
      Column.of("osVersion", STRING),
      Column.of("osProcessor", STRING),
      Column.of("osArchitecture", STRING),
      Column.of("version", STRING).filterable(),
      Column.of("osBuild", INT64),
      Column.of("agentVersion", STRING),
      Column.of("lastIpAddress", STRING).filterable(),
      Column.of("lastExternalIpAddress", STRING),
      Column.ofEnum("healthStatus", DefenderEnums.HEALTH_STATUS).notNull().filterable(),
      Column.ofEnum("onboardingStatus", DefenderEnums.ONBOARDING_STATUS).notNull().filterable(),
      Column.ofEnum("riskScore", DefenderEnums.RISK_SCORE).filterable(),
      Column.ofEnum("exposureLevel", DefenderEnums.EXPOSURE_LEVEL).notNull().filterable(),
      Column.ofEnum("deviceValue", DefenderEnums.DEVICE_VALUE).notNull().filterable(),
      Column.of("rbacGroupId", INT32).notNull().filterable(),
      Column.of("rbacGroupName", STRING),
      Column.of("isAadJoined", BOOLEAN),
      Column.of("aadDeviceId", GUID).filterable(),
      Column.of("machineTags", STRING_COLLECTION).filterable(EnumSet.of(FilterOperator.ANY)),
      Column.complexCollection("ipAddresses", ComplexTypes.MACHINE_IP_ADDRESS),
      Column.of("defenderAvStatus", STRING),
      Column.ofEnum("managedBy", DefenderEnums.MANAGED_BY).notNull(),
      Column.ofEnum("managedByStatus", DefenderEnums.MANAGED_BY_STATUS).notNull(),
      Column.of("isPotentialDuplication", BOOLEAN).notNull(),
      Column.of("isExcluded", BOOLEAN).notNull(),
      Column.of("mergedIntoMachineId", STRING),
      Column.ofEnum("exclusionReason", DefenderEnums.EXCLUSION_REASON),
      Column.nested("vmMetadata", "vmId", STRING),
      Column.nested("vmMetadata", "cloudProvider", EdmType.ENUM)
              .withMembers(DefenderEnums.VM_CLOUD_PROVIDER),
      Column.nested("vmMetadata", "resourceId", STRING),
      Column.nested("vmMetadata", "subscriptionId", STRING));

  static final Entity ENTITY = new Entity("machines", "Machines", "/api/machines", "id",
      List.of("Machine.Read.All", "Machine.ReadWrite.All"), null, 2_000, COLUMNS,
      List.of(new Lookup("/api/machines/{key}", "id", true, "[0-9a-fA-F]{40}")),
      null, null, "A device onboarded to (or discovered by) Defender for Endpoint.");

  private static EnumSet<FilterOperator> withStartsWith() {
    final EnumSet<FilterOperator> ops = EnumSet.copyOf(Column.COMPARISONS);
    ops.add(FilterOperator.STARTSWITH);
    return ops;
  }
}
