package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;

/**
 * The {@code device_av_health} table: the device antivirus health report, {@code GET /api/deviceavinfo} (the
 * reference beside this project has nothing on it; columns and filterable properties are those of Microsoft's
 * "Export device antivirus health details API" page: every property but {@code id} and {@code rbacGroupName}
 * filters; {@code $top} up to 10,000; 30 calls a minute and 1,000 an hour; 20 rows a page by default).
 */
final class DeviceAvHealth {
  private DeviceAvHealth() {
  }

  private static Column text(String json, String description) {
    return Column.of(json, STRING).filterable().described(description);
  }

  private static Column time(String json, String description) {
    return Column.of(json, DATE_TIME_OFFSET).described(description);
  }

  static final Entity ENTITY = Entity.builder("device_av_health")
      .entitySet("DeviceAvInfo")
      .path("/api/deviceavinfo")
      .key("id")
      .primaryKey("id")
      .nearlyUnique("machine_id", "computer_dns_name")
      .readRoles("Machine.Read.All", "Machine.ReadWrite.All")
      .estimatedRows(2_000)
      .columns(List.of(
          Column.of("id", STRING).notNull()
              .described("Id of the report row: the device id (not filterable; filter on machine_id)."),
          text("machineId", "Id of the device.").references("machines", "id"),
          text("computerDnsName", "DNS name of the device."),
          text("osKind", "Kind of operating system: windows, mac or linux."),
          text("osPlatform", "Operating system, e.g. Windows10 or macOS."),
          text("osVersion", "Operating system version, e.g. 10.0.19044.1865."),
          text("avMode", "Antivirus mode as a number in a string: 0 active, 1 passive, 2 disabled, 3 other,"
              + " 4 EDR in block mode, 5 passive audit."),
          text("avSignatureVersion", "Version of the security intelligence (signatures)."),
          text("avEngineVersion", "Version of the antivirus engine."),
          text("avPlatformVersion", "Version of the antivirus platform."),
          text("avIsSignatureUpToDate", "Whether the signatures are up to date: True, False or Unknown."),
          text("avIsEngineUpToDate", "Whether the engine is up to date: True, False or Unknown."),
          text("avIsPlatformUpToDate", "Whether the platform is up to date: True, False or Unknown."),
          time("avSignaturePublishTime", "Time the installed signatures were released (UTC)."),
          time("avSignatureUpdateTime", "Time the signatures were last updated on the device (UTC)."),
          time("avEngineUpdateTime", "Time the engine was last updated on the device (UTC)."),
          time("avPlatformUpdateTime", "Time the platform was last updated on the device (UTC)."),
          text("quickScanResult", "Result of the last quick scan: Completed, Canceled or Failed; empty if none."),
          text("quickScanError", "Error code of the last quick scan; empty if none."),
          time("quickScanTime", "Time the last quick scan completed (UTC)."),
          text("fullScanResult", "Result of the last full scan: Completed, Canceled or Failed; empty if none."),
          text("fullScanError", "Error code of the last full scan; empty if none."),
          time("fullScanTime", "Time the last full scan completed (UTC)."),
          time("lastSeenTime", "Time the device was last seen (UTC)."),
          time("dataRefreshTimestamp", "Time the report's data was refreshed (UTC)."),
          Column.of("rbacGroupId", INT64).filterable()
              .described("Id of the device group."),
          Column.of("rbacGroupName", STRING)
              .described("Name of the device group (not filterable; filter on rbac_group_id).")))
      .description("The antivirus health of a device (Microsoft Defender Antivirus): mode, engine, platform and"
          + " signature versions and whether they are up to date, last quick and full scan. A snapshot of now, no"
          + " history.")
      .noSuccessor("Microsoft Graph has no antivirus health report; the Defender portal's device health report"
          + " shows it")
      .build();
}
