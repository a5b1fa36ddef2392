package org.defendersql.adapter.client;

import org.defendersql.adapter.config.HuntingApi;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Api;
import org.defendersql.model.Entity;

/**
 * What a request reads, as errors name it: the table, the request line as an analyst reads it, and the
 * permission that grants it with the API it belongs to ({@code WindowsDefenderATP} or {@code Microsoft Graph}), and
 * for a table of the retiring MDE API, what replaces it on Graph (null otherwise).
 */
record Target(String table, String requestLine, String readRole, String permissionApi, boolean hunting,
    String successor) {
  /** The longest KQL a message quotes. */
  private static final int MAX_KQL = 600;

  static Target of(DefenderRequest request) {
    return new Target(request.entity().tableName(), request.toString(), request.entity().readRole(),
        request.entity().api().permissionApi, false, request.entity().successor());
  }

  /** The one-row probe of an entity: {@code GET /api/alerts?$top=1}. */
  static Target probe(Entity entity) {
    return new Target(entity.tableName(), "GET " + entity.path() + "?$top=1", entity.readRole(),
        entity.api().permissionApi, false, entity.successor());
  }

  /** Whether the request goes to Microsoft Graph (its security lists or its hunting), not the Defender API. */
  boolean graph() {
    return Api.GRAPH.permissionApi.equals(permissionApi);
  }

  /** A hunting query: {@code POST /v1.0/security/runHuntingQuery <KQL>}, the KQL shortened for messages. */
  static Target hunting(String table, HuntingApi api, String kql) {
    final String shown = kql.length() > MAX_KQL ? kql.substring(0, MAX_KQL) + "..." : kql;
    return new Target(table, "POST " + api.path + " " + shown, api.role, api.permissionApi, true, null);
  }
}
