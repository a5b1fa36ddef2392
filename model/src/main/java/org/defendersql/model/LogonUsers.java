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

  static final Entity ENTITY = new Entity("users", "Users", null, "machine_id",
      List.of("User.Read.All"), null, 10_000, List.of(
      Column.of("machineId", STRING).notNull().from(Origin.KEY),
      Column.of("id", STRING).notNull(),
      Column.of("accountName", STRING),
      Column.of("accountDomain", STRING),
      Column.of("accountSid", STRING),
      Column.of("firstSeen", DATE_TIME_OFFSET),
      Column.of("lastSeen", DATE_TIME_OFFSET),
      Column.of("mostPrevalentMachineId", STRING),
      Column.of("leastPrevalentMachineId", STRING),
      Column.of("logonTypes", STRING),
      Column.of("logOnMachinesCount", INT64),
      Column.of("isDomainAdmin", BOOLEAN),
      Column.of("isOnlyNetworkUser", BOOLEAN)),
      List.of(new Lookup("/api/machines/{key}/logonusers", "machine_id", false, "[0-9a-fA-F]{40}")),
      null, null,
      "A user who logged on to a machine: `id` is `domain\\\\account`; first and last seen on that machine and the"
          + " logon types.");
}
