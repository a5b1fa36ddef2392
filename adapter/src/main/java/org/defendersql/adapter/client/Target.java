package org.defendersql.adapter.client;

import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Entity;

/**
 * What a request reads, as errors name it: the table, the request line as an analyst reads it, and the
 * permission that grants it.
 */
record Target(String table, String requestLine, String readRole) {
  static Target of(DefenderRequest request) {
    return new Target(request.entity().tableName(), request.toString(), request.entity().readRole());
  }

  /** The one-row probe of an entity: {@code GET /api/alerts?$top=1}. */
  static Target probe(Entity entity) {
    return new Target(entity.tableName(), "GET " + entity.path() + "?$top=1", entity.readRole());
  }
}
