package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;

/**
 * The {@code users} table: the users who logged on to a machine, {@code GET /api/machines/{id}/logonusers}, with
 * the machine's id on each row. There is no list of all users.
 */
final class LogonUsers {
  private LogonUsers() {
  }

  static final Entity ENTITY = Entity.builder("users")
      .entitySet("Users")
      .key("machine_id")
      .primaryKey("machine_id", "id")
      .readRoles("User.Read.All")
      .estimatedRows(10_000)
      .columns(List.of(
          Column.of("machineId", STRING).notNull().from(Origin.KEY).references("machines", "id")
              .described("Id of the device the user logged on to."),
          Column.of("id", STRING).notNull()
              .described("The user as domain\\account, lower case in real data."),
          Column.of("accountName", STRING)
              .described("Account name of the user."),
          Column.of("accountDomain", STRING)
              .described("Domain of the user's account."),
          Column.of("accountSid", STRING)
              .described("Security identifier (SID) of the user's account."),
          Column.of("firstSeen", DATE_TIME_OFFSET)
              .described("Time the user was first seen on the device (UTC)."),
          Column.of("lastSeen", DATE_TIME_OFFSET)
              .described("Time the user was last seen on the device (UTC)."),
          Column.of("mostPrevalentMachineId", STRING).references("machines", "id")
              .described("Id of the device the user is seen on most."),
          Column.of("leastPrevalentMachineId", STRING).references("machines", "id")
              .described("Id of the device the user is seen on least."),
          Column.of("logonTypes", STRING)
              .described("Logon types of the user on the device, e.g. Interactive or Network."),
          Column.of("logOnMachinesCount", INT64)
              .described("Number of devices the user logged on to."),
          Column.of("isDomainAdmin", BOOLEAN)
              .described("Whether the user is a domain administrator."),
          Column.of("isOnlyNetworkUser", BOOLEAN)
              .described("Whether the user only logs on over the network.")))
      .lookup(new Lookup("/api/machines/{key}/logonusers", "machine_id", false, "[0-9a-fA-F]{40}"))
      .description("A user who logged on to a machine: `id` is `domain\\account`; first and last seen on that machine"
          + " and the logon types.")
      .successor("hunting.device_users")
      .build();
}
