package org.defendersql.adapter.client;

import org.defendersql.adapter.config.HuntingApi;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Entity;

/**
 * What a request reads, as errors name it: the table, the request line as an analyst reads it, and the
 * permission that grants it.
 */
record Target(String table, String requestLine, String readRole, String permissionApi, boolean hunting) {
  /** The longest KQL a message quotes. */
  private static final int MAX_KQL = 600;

  static Target of(DefenderRequest request) {
    return new Target(request.entity().tableName(), request.toString(), request.entity().readRole(),
        "WindowsDefenderATP", false);
  }

  /** The one-row probe of an entity: {@code GET /api/alerts?$top=1}. */
  static Target probe(Entity entity) {
    return new Target(entity.tableName(), "GET " + entity.path() + "?$top=1", entity.readRole(),
        "WindowsDefenderATP", false);
  }

  /** A hunting query: {@code POST /v1.0/security/runHuntingQuery <KQL>}, the KQL shortened for messages. */
  static Target hunting(String table, HuntingApi api, String kql) {
    final String shown = kql.length() > MAX_KQL ? kql.substring(0, MAX_KQL) + "..." : kql;
    return new Target(table, "POST " + api.path + " " + shown, api.role, api.permissionApi, true);
  }
}
