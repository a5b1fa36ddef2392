package org.defendersql.model;

import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT32;
import static org.defendersql.model.EdmType.STRING;

import java.util.List;
import java.util.Set;

/**
 * The organisation's statistics of an IP address ({@code GET /api/ips/{ip}/stats}) and of a domain
 * ({@code GET /api/domains/{domain}/stats}) over the last 30 days, as keyed tables: one row per key asked for. The
 * API answers an unknown but valid key with a prevalence of 0, and takes no OData option.
 */
final class NetworkStats {
  private NetworkStats() {
  }

  private static List<Column> columns(Column key, String what) {
    return List.of(key.notNull().from(Origin.KEY),
        Column.of("organizationPrevalence", INT32).named("org_prevalence")
            .described("Number of the organisation's devices that communicated with the " + what
                + " in the last 30 days."),
        Column.of("orgFirstSeen", DATE_TIME_OFFSET)
            .described("First time the " + what + " was seen in the organisation in the last 30 days (UTC)."),
        Column.of("orgLastSeen", DATE_TIME_OFFSET)
            .described("Last time the " + what + " was seen in the organisation in the last 30 days (UTC)."));
  }

  static final Entity IP_STATS = Entity.builder("ip_stats")
      .entitySet("microsoft.windowsDefenderATP.api.InOrgIPStats")
      .key("ip_address")
      .primaryKey("ip_address")
      .readRoles("Ip.Read.All")
      .estimatedRows(100_000)
      .api(Api.MDE, 1, Set.of())
      .columns(columns(Column.of("ipAddress", STRING).described("The IP address, as the query gave it."),
          "IP address"))
      .lookup(new Lookup("/api/ips/{key}/stats", "ip_address", true, RelatedTables.IP))
      .description("The prevalence of an IP address in the organisation over the last 30 days: on how many devices"
          + " and when first and last. One request per address.")
      .successor("hunting.DeviceNetworkEvents where RemoteIP = ...")
      .build();

  static final Entity DOMAIN_STATS = Entity.builder("domain_stats")
      .entitySet("microsoft.windowsDefenderATP.api.InOrgDomainStats")
      .key("host")
      .primaryKey("host")
      .readRoles("Url.Read.All")
      .estimatedRows(100_000)
      .api(Api.MDE, 1, Set.of())
      .columns(columns(Column.of("host", STRING).described("The domain name, as the query gave it."), "domain"))
      .lookup(new Lookup("/api/domains/{key}/stats", "host", true, RelatedTables.DOMAIN))
      .description("The prevalence of a domain in the organisation over the last 30 days: on how many devices and"
          + " when first and last. One request per domain.")
      .successor("hunting.DeviceNetworkEvents where RemoteUrl = ...")
      .build();
}
