package org.defendersql.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The API's "related" lookups as tables with a required key column: the alerts and machines the API relates to a
 * user, a file, an IP or a domain. What "related" means is the API's own (evidence, logged-on users, network
 * activity), not any one column's, so these are tables of their own rather than filters on alerts or machines.
 */
final class RelatedTables {
  private RelatedTables() {
  }

  /** An account name, a UPN or {@code domain\account}: the adapter sends the bare account name. */
  static final String ACCOUNT = "[^/\\s]{1,256}";
  static final String IP = "[0-9a-fA-F.:]{2,45}";
  static final String DOMAIN = "[A-Za-z0-9.-]{1,253}";

  private static final Column USER = Column.of("userName", EdmType.STRING)
      .described("Account name the rows relate to; a UPN or CONTOSO\\jdoe is sent as jdoe.");
  private static final Column FILE = Column.of("fileSha1", EdmType.STRING).references("files", "sha1")
      .described("SHA-1 of the file the rows relate to.");
  private static final Column IP_ADDRESS = Column.of("ip", EdmType.STRING)
      .described("IP address the rows relate to.");
  private static final Column DOMAIN_NAME = Column.of("domain", EdmType.STRING)
      .described("Domain name the rows relate to.");

  static final Entity USER_ALERTS = related("user_alerts", USER, "/api/users/{key}/alerts", ACCOUNT,
      Alerts.ENTITY,
      "graph_alert_evidence where user_account_account_name = ...",
      "Alerts the API relates to a user account: alerts whose evidence, related user or logged-on"
          + " users name the account. The API takes the bare account name (`jdoe`); a UPN (`jdoe@contoso.com`) or"
          + " `CONTOSO\\jdoe` in `user_name` is sent as `jdoe`, so users of the same name in other domains are"
          + " included.");
  static final Entity USER_MACHINES = related("user_machines", USER, "/api/users/{key}/machines", ACCOUNT,
      Machines.ENTITY,
      "hunting.device_users where AccountName = ...",
      "Machines a user account logged on to (a UPN or `CONTOSO\\jdoe` is sent as the bare"
          + " account name, as for `user_alerts`).");
  static final Entity FILE_ALERTS = related("file_alerts", FILE, "/api/files/{key}/alerts", Files.SHA1,
      Alerts.ENTITY,
      "graph_alert_evidence where file_details_sha1 = ...",
      "Alerts whose evidence includes the file (SHA-1 only).");
  static final Entity FILE_MACHINES = related("file_machines", FILE, "/api/files/{key}/machines",
      Files.SHA1, Machines.ENTITY,
      "hunting.file_prevalence where SHA1 = ... (its devices: hunting.DeviceFileEvents)",
      "Machines the file (SHA-1 only) was observed on.");
  static final Entity IP_ALERTS = related("ip_alerts", IP_ADDRESS, "/api/ips/{key}/alerts", IP, Alerts.ENTITY,
      "graph_alert_evidence where ip_address = ...",
      "Alerts related to an IP address (evidence or network activity).");
  static final Entity DOMAIN_ALERTS = related("domain_alerts", DOMAIN_NAME, "/api/domains/{key}/alerts", DOMAIN,
      Alerts.ENTITY,
      "graph_alert_evidence where url like '%domain%'",
      "Alerts related to a domain (URLs in evidence or network activity).");
  static final Entity DOMAIN_MACHINES = related("domain_machines", DOMAIN_NAME, "/api/domains/{key}/machines",
      DOMAIN, Machines.ENTITY,
      "hunting.DeviceNetworkEvents where RemoteUrl = ...",
      "Machines that communicated with a domain (the API returns at most 500).");

  static final List<Entity> ALL = List.of(USER_ALERTS, USER_MACHINES, FILE_ALERTS, FILE_MACHINES, IP_ALERTS,
      DOMAIN_ALERTS, DOMAIN_MACHINES);

  /**
   * A table of the target's rows for one key: the key column, then the target's columns. A row is one target
   * row for one key, so the key and the target's own id identify it, and that id names the target's row.
   */
  private static Entity related(String table, Column keyColumn, String pathTemplate, String keyPattern,
      Entity target, String successor, String description) {
    final Column key = keyColumn.notNull().from(Origin.KEY);
    final List<Column> columns = new ArrayList<>();
    columns.add(key);
    for (Column c : target.columns()) {
      // Filters apply to the key alone: the related endpoints take no $filter.
      final Column unfiltered = c.filterable(Set.of());
      columns.add(c == target.key() ? unfiltered.references(target.tableName(), c.sqlName()) : unfiltered);
    }
    return Entity.builder(table)
        .entitySet(target.entitySetName())
        .key(key.sqlName())
        .primaryKey(key.sqlName(), target.keyColumn())
        .readRoles(target.readRoles())
        .columns(columns)
        .lookup(new Lookup(pathTemplate, key.sqlName(), false, keyPattern, keyPattern.equals(ACCOUNT)))
        .description(description)
        .successor(successor)
        .build();
  }
}
