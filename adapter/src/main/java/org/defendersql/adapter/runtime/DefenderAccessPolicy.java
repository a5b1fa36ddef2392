package org.defendersql.adapter.runtime;

import java.util.stream.Collectors;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.adapter.odata.DefenderRequest;
import org.defendersql.model.Entity;

/**
 * Refuses, before any request is sent, a scan the API cannot serve (a table without a list endpoint queried
 * without its key) or one that would fan out into more keyed requests than allowed, saying which predicate to add.
 */
public final class DefenderAccessPolicy {
  private DefenderAccessPolicy() {
  }

  public static void check(DefenderRequest request, int maxLookups) {
    final Entity e = request.entity();
    if (!request.isReadable()) {
      throw new DefenderException(ErrorKind.REFUSED,
          "The table " + e.tableName() + " has no list endpoint in the Defender API: "
          + "give its key in the WHERE clause, e.g. " + examples(e) + ", or join it on that column.");
    }
    if (request.lookup() != null && request.keys().size() > maxLookups) {
      throw new DefenderException(ErrorKind.LIMIT, "The query would send " + request.keys().size() + " requests to "
          + request.lookup().pathTemplate() + " (one per " + request.lookup().keyColumn() + "), more than the"
          + " limit of " + maxLookups + " (maxLookups). Narrow the " + request.lookup().keyColumn()
          + " list, or raise maxLookups in the schema operand.");
    }
  }

  private static String examples(Entity e) {
    // A lookup whose path takes another parameter (findbyip's time) needs it as an equality with a literal too.
    return e.lookups().stream().map(l -> "WHERE " + l.keyColumn() + " = '...'" + l.parameters().stream()
        .map(p -> " AND " + p + " = TIMESTAMP '...'").collect(Collectors.joining())).distinct()
        .collect(Collectors.joining(" or "));
  }
}
