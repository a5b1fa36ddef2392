package org.defendersql.adapter.status;

import java.util.ArrayList;
import java.util.List;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * Tests a connection as an administrator needs it: first a token from Azure AD, then one request per table of
 * the model (a row of {@code GET /api/alerts?$top=1}), each reporting the permission it needs. The tables and
 * their permissions come from the model, so a new table is probed without change here.
 */
public final class ConnectionProbe {
  private ConnectionProbe() {
  }

  public static ConnectionReport run(DefenderClient client) {
    final DefenderConnectionConfig config = client.config();
    final List<PermissionCheck> checks = new ArrayList<>();
    final String tokenProbe = "POST " + config.authorityHost() + "/" + config.tenantId() + "/oauth2/v2.0/token";
    boolean token;
    try {
      client.checkToken();
      checks.add(new PermissionCheck("Azure AD token", null, PermissionCheck.Status.OK, tokenProbe,
          "client " + config.clientId() + " got a token for " + config.scope(), null));
      token = true;
    } catch (DefenderException e) {
      checks.add(new PermissionCheck("Azure AD token", null, PermissionCheck.Status.FAIL, tokenProbe,
          e.getMessage(), e.fix()));
      token = false;
    }
    for (Entity entity : DefenderModel.entities()) {
      if (!entity.isScannable() || entity.parent() != null) {
        continue;
      }
      final String probe = "GET " + entity.path() + "?$top=1";
      if (!token) {
        checks.add(new PermissionCheck(entity.tableName(), entity.readRole(), PermissionCheck.Status.NOT_CHECKED,
            probe, "No token, so the API was not asked.", "Fix the Azure AD token first."));
        continue;
      }
      try {
        client.probe(entity);
        checks.add(new PermissionCheck(entity.tableName(), entity.readRole(), PermissionCheck.Status.OK, probe,
            "the API answered 200 with a well-formed page", null));
      } catch (DefenderException e) {
        checks.add(new PermissionCheck(entity.tableName(), entity.readRole(), PermissionCheck.Status.FAIL, probe,
            e.getMessage(), e.fix()));
      }
    }
    return new ConnectionReport(config.serverUrl() + " (tenant " + config.tenantId() + ", client "
        + config.clientId() + ")", checks);
  }
}
