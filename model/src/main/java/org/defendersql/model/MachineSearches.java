package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The API's two machine searches as tables with required keys, like the related lookups: the machines seen with an
 * IP address around a time ({@code findbyip}, both keys required) and the machines with a tag
 * ({@code findbytag}, exact). Neither is a filter on {@code machines}: {@code last_ip_address} is only a device's
 * latest address, while findbyip knows which device held an address at a time (addresses are reassigned); and
 * findbytag answers in one request whatever the number of devices.
 */
final class MachineSearches {
  private MachineSearches() {
  }

  static final Entity MACHINES_BY_IP = Entity.builder("machines_by_ip")
      .entitySet("Machines")
      .key("ip")
      .primaryKey("ip", "seen_at", "id")
      .readRoles(Machines.ENTITY.readRoles())
      .estimatedRows(10_000)
      .api(Api.MDE, Entity.MDE_MAX_TOP, Set.of())
      .columns(columns(List.of(
          Column.of("ip", STRING).notNull().from(Origin.KEY)
              .described("Internal IP address the devices were seen with."),
          Column.of("timestamp", DATE_TIME_OFFSET).named("seen_at").notNull().from(Origin.KEY)
              .described("Time around which (15 minutes either side, within the last 30 days) the devices were"
                  + " seen with the address; required with an equality."))))
      .lookup(new Lookup("/api/machines/findbyip(ip='{key}',timestamp={seen_at})", "ip", false,
          RelatedTables.IP))
      .description("Devices seen with an internal IP address within 15 minutes of a time (the API's findbyip):"
          + " `WHERE ip = '10.1.2.3' AND seen_at = TIMESTAMP '2026-11-30 08:00:00'` (UTC; a `?` or"
          + " `CURRENT_TIMESTAMP - INTERVAL '1' DAY` too), one request per address. The time must be within the last"
          + " 30 days (the API refuses older ones).")
      .successor("hunting.DeviceNetworkEvents where LocalIP = ... (around the time)")
      .build();

  static final Entity MACHINES_BY_TAG = Entity.builder("machines_by_tag")
      .entitySet("Machines")
      .key("tag")
      .primaryKey("tag", "id")
      .readRoles(Machines.ENTITY.readRoles())
      .estimatedRows(500)
      .api(Api.MDE, Entity.MDE_MAX_TOP, Set.of())
      .columns(columns(List.of(Column.of("tag", STRING).notNull().from(Origin.KEY)
          .described("Tag the devices have (exact, ignoring case)."))))
      .lookup(new Lookup("/api/machines/findbytag?tag={key}&useStartsWithFilter=false", "tag", false,
          "[^\\p{Cntrl}]{1,200}"))
      .description("Devices with a tag (the API's findbytag, exact match): `WHERE tag = 'VIP'`, one request per tag"
          + " whatever the number of devices.")
      .successor("hunting.device_context where DeviceManualTags has ...")
      .build();

  /** The key columns, then every column of a machine (not filterable: the searches take no $filter). */
  private static List<Column> columns(List<Column> keys) {
    final List<Column> columns = new ArrayList<>(keys);
    for (Column c : Machines.ENTITY.columns()) {
      final Column unfiltered = c.filterable(Set.of());
      columns.add(c == Machines.ENTITY.key() ? unfiltered.references("machines", "id") : unfiltered);
    }
    return columns;
  }
}
