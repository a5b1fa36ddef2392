package org.defendersql.adapter.status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.linq4j.Enumerator;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.adapter.config.ApiChoice;
import org.defendersql.adapter.config.AuthType;
import org.defendersql.adapter.config.Authentication;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.config.HuntingApi;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;
import org.defendersql.model.hunting.HuntingModel;

/**
 * Tests a connection as an administrator needs it: first a token from Azure AD, then one request per permission
 * the model's tables need (a row of {@code GET /api/alerts?$top=1}, or the lookup of a file that does not exist;
 * on Microsoft Graph {@code GET /v1.0/security/alerts_v2?$top=1} for {@code SecurityAlert.Read.All} and
 * {@code GET /v1.0/security/incidents?$top=1} for {@code SecurityIncident.Read.All}), each reporting the permission
 * it proves, and last the hunting permission of the chosen backend. The tables and their permissions come from
 * the model, so a new table is probed without change here.
 */
public final class ConnectionProbe {
  /**
   * Keys that exist nowhere but have the shape of real ones, tried in order against a lookup's key pattern: a domain
   * and an address first (the loose patterns of domains and addresses also admit a hash of zeros, which the API
   * refuses as a domain or an address), then a hash or machine id of zeros, an account name.
   */
  private static final List<String> PROBE_KEYS =
      List.of("probe.defender-sql.invalid", "127.0.0.1", "0".repeat(40), "0".repeat(64), "defender-sql-probe");

  private ConnectionProbe() {
  }

  /** The explained failure behind an exception of the client (thrown as is, or as its SQLException). */
  private static DefenderException explained(Exception e) {
    if (e instanceof DefenderException d) {
      return d;
    }
    if (e.getCause() instanceof DefenderException d) {
      return d;
    }
    return new DefenderException(ErrorKind.INTERNAL, String.valueOf(e.getMessage()), e);
  }

  /** A lookup of a key that cannot exist, for a table without a list endpoint. */
  private static DefenderRequest lookupProbe(Entity entity) {
    final Lookup lookup = entity.lookups().get(0);
    final String key = PROBE_KEYS.stream().filter(k -> k.matches(lookup.keyPattern())).findFirst()
        .orElse("defender-sql-probe");
    return DefenderRequest.scan(entity, List.of(entity.key())).withLookup(lookup, List.of(key)).forKey(key);
  }

  /**
   * The hunting permission of the chosen backend ({@code ThreatHunting.Read.All} on Graph, with a Graph token;
   * {@code AdvancedQuery.Read.All} on the Defender API): {@code DeviceInfo | take 0}, one call of the hunting budget.
   */
  private static PermissionCheck hunting(DefenderClient client, boolean token) {
    final HuntingApi api = client.config().hunting().api();
    final String area = "hunting tables (" + api.name().toLowerCase(java.util.Locale.ROOT) + ")";
    final String probe = "POST " + api.path + " " + HuntingModel.DEVICE_INFO.name() + " | take 0";
    if (!token) {
      return new PermissionCheck(area, api.role, PermissionCheck.Status.NOT_CHECKED, probe,
          "No token, so the API was not asked.", "Fix the Azure AD token first.");
    }
    try {
      client.probeHunting();
      return new PermissionCheck(area, api.role, PermissionCheck.Status.OK, probe,
          "the hunting service ran the query and answered with a well-formed schema", null);
    } catch (Exception failure) {
      final DefenderException e = explained(failure);
      return new PermissionCheck(area, api.role, PermissionCheck.Status.FAIL, probe, e.getMessage(), e.fix());
    }
  }

  public static ConnectionReport run(DefenderClient client) {
    final DefenderConnectionConfig config = client.config();
    final List<PermissionCheck> checks = new ArrayList<>();
    final boolean managed = config.auth().type() == AuthType.MANAGED_IDENTITY;
    // A managed identity's token comes from the Azure resource's identity endpoint, not the tenant's.
    final String tokenProbe = managed ? "the managed identity endpoint of this Azure resource"
        : "POST " + config.authorityHost() + "/" + config.tenantId() + "/oauth2/v2.0/token";
    boolean token;
    // With api=graph the app may hold no permission of the MDE API, whose token it then need not get.
    final boolean graphOnly = config.apis() == ApiChoice.GRAPH;
    try {
      if (graphOnly) {
        client.checkGraphToken();
      } else {
        client.checkToken();
      }
      checks.add(new PermissionCheck("Azure AD token", null, PermissionCheck.Status.OK, tokenProbe,
          "client " + config.clientId() + " got a token for "
              + (graphOnly ? config.hunting().graphScope() : config.scope()), null));
      token = true;
    } catch (DefenderException e) {
      checks.add(new PermissionCheck("Azure AD token", null, PermissionCheck.Status.FAIL, tokenProbe,
          e.getMessage(), e.fix()));
      token = false;
    }
    final Set<String> roles = new LinkedHashSet<>();
    for (Entity entity : DefenderModel.entities()) {
      // One check per permission: the first table that needs it, through its list or its keyed endpoint.
      if (entity.parent() != null || !config.apis().reads(entity.api()) || !roles.add(entity.readRole())) {
        continue;
      }
      final DefenderRequest lookup = entity.isScannable() ? null : lookupProbe(entity);
      final String probe = lookup == null ? "GET " + entity.path()
          + (entity.accepts(org.defendersql.model.QueryOption.TOP) ? "?$top=1" : "") : lookup.toString();
      if (!token) {
        checks.add(new PermissionCheck(entity.tableName(), entity.readRole(), PermissionCheck.Status.NOT_CHECKED,
            probe, "No token, so the API was not asked.", "Fix the Azure AD token first."));
        continue;
      }
      try {
        if (lookup == null) {
          client.probe(entity);
        } else {
          try (Enumerator<Object[]> rows = client.rows(lookup)) {
            rows.moveNext(); // an unknown key answers 404, which proves the permission as well as a row
          }
        }
        final String api = entity.api() == Api.GRAPH ? "Microsoft Graph" : "the API";
        checks.add(new PermissionCheck(entity.tableName(), entity.readRole(), PermissionCheck.Status.OK, probe,
            lookup == null ? api + " answered 200 with a well-formed page"
                : api + " answered the lookup of a key that does not exist without refusing it", null));
      } catch (Exception failure) {
        final DefenderException e = explained(failure);
        checks.add(new PermissionCheck(entity.tableName(), entity.readRole(), PermissionCheck.Status.FAIL, probe,
            e.getMessage(), e.fix()));
      }
    }
    checks.add(hunting(client, token));
    return new ConnectionReport(config.serverUrl() + " (" + identity(config) + ")", checks);
  }

  /**
   * Who signs in, as {@code connection_status} names it: tenant and client, or the managed identity (which has
   * neither until it signs in).
   */
  public static String identity(DefenderConnectionConfig config) {
    if (config.auth().type() != AuthType.MANAGED_IDENTITY) {
      return "tenant " + config.tenantId() + ", client " + config.clientId();
    }
    final Authentication a = config.auth();
    final String which = config.clientId() != null ? "client id " + config.clientId()
        : a.managedIdentityResourceId() != null ? "resource id " + a.managedIdentityResourceId()
        : a.managedIdentityObjectId() != null ? "object id " + a.managedIdentityObjectId() : null;
    return which == null ? "system-assigned managed identity" : "user-assigned managed identity, " + which;
  }
}
