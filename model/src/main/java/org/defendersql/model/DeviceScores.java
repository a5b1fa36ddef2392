package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.DOUBLE;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;
import java.util.Set;

/**
 * The vulnerability-management scores: the exposure score ({@code GET /api/exposureScore}, one object), the
 * exposure score of each device group ({@code GET /api/exposureScore/ByMachineGroups}) and the device secure score
 * ({@code GET /api/configurationScore}, one object). None of these endpoints documents a query option, so none is
 * sent.
 */
final class DeviceScores {
  private DeviceScores() {
  }

  private static final String ROLE = "Score.Read.All";
  private static final String NO_SUCCESSOR =
      "Microsoft Graph has no exposure or secure score of devices; the Defender portal shows them";

  private static Column time(String what) {
    // "time" is reserved in SQL: score_time needs no quotes.
    return Column.of("time", DATE_TIME_OFFSET).named("score_time").notNull()
        .described("Time the " + what + " was computed (UTC).");
  }

  static final Entity EXPOSURE_SCORE = Entity.builder("exposure_score")
      .entitySet("ExposureScore")
      .path("/api/exposureScore")
      .singleObject()
      .key("score_time")
      .primaryKey("score_time")
      .readRoles(ROLE)
      .estimatedRows(1)
      .api(Api.MDE, 1, Set.of())
      .columns(List.of(
          time("score"),
          Column.of("score", DOUBLE).notNull()
              .described("Exposure score of the organisation's devices, 0 to 100: lower is better.")))
      .description("The organisation's exposure score (one row): how exposed its devices are to known"
          + " vulnerabilities and misconfigurations.")
      .noSuccessor(NO_SUCCESSOR)
      .build();

  static final Entity EXPOSURE_SCORE_BY_MACHINE_GROUP = Entity.builder("exposure_score_by_machine_group")
      .entitySet("ExposureScore")
      .path("/api/exposureScore/ByMachineGroups")
      .key("rbac_group_name")
      .primaryKey("rbac_group_name")
      .readRoles(ROLE)
      .estimatedRows(20)
      .api(Api.MDE, Entity.MDE_MAX_TOP, Set.of())
      .columns(List.of(
          time("score"),
          Column.of("score", DOUBLE).notNull()
              .described("Exposure score of the group's devices, 0 to 100: lower is better."),
          Column.of("rbacGroupName", STRING).notNull()
              .described("Name of the device group; devices in no group form Ungrouped devices (default)."),
          Column.of("rbacGroupId", INT64)
              .described("Id of the device group (EDMX only; not in the reference's example).")))
      .description("The exposure score of each device group.")
      .noSuccessor(NO_SUCCESSOR)
      .build();

  static final Entity DEVICE_SECURE_SCORE = Entity.builder("device_secure_score")
      .entitySet("ConfigurationScore")
      .path("/api/configurationScore")
      .singleObject()
      .key("score_time")
      .primaryKey("score_time")
      .readRoles(ROLE)
      .estimatedRows(1)
      .api(Api.MDE, 1, Set.of())
      .columns(List.of(
          time("score"),
          Column.of("score", DOUBLE).notNull()
              .described("Secure score for devices: points earned by secure configurations, higher is better.")))
      .description("The organisation's secure score for devices (one row): how well its devices' configurations"
          + " follow the security recommendations.")
      .noSuccessor(NO_SUCCESSOR)
      .build();
}
