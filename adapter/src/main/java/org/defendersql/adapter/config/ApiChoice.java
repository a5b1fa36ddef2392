package org.defendersql.adapter.config;

import java.util.Locale;
import org.defendersql.model.Api;
import org.defendersql.model.Entity;
import org.defendersql.model.MigrationReference;

/**
 * Which web APIs a schema reads (the {@code api} setting): both while the MDE API answers, Graph alone for an app
 * with only Graph permissions or after the MDE API retires, or the MDE API alone for an app without Graph
 * permissions. A table of an API not read answers an error that says what to use instead.
 */
public enum ApiChoice {
  BOTH, GRAPH, MDE;

  /** The choice a setting names: {@code both}, {@code graph} or {@code mde}, ignoring case. */
  public static ApiChoice parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "both" -> BOTH;
      case "graph" -> GRAPH;
      case "mde" -> MDE;
      default -> throw new IllegalArgumentException("must be both, graph or mde, not '" + text + "'");
    };
  }

  /** Whether tables of this API are read. */
  public boolean reads(Api api) {
    return this == BOTH || (this == GRAPH) == (api == Api.GRAPH);
  }

  /** Whether a hunting backend may be used: with {@code graph}, only Graph's. */
  public boolean allowsHunting(HuntingApi backend) {
    return this != GRAPH || backend == HuntingApi.GRAPH;
  }

  /**
   * Why a table of an API not read is refused: the setting, and what to read instead (the Graph successor
   * of an MDE-API table, with its permission; for a Graph table, the setting to change).
   */
  public String refusal(Entity table) {
    if (table.api() == Api.MDE && !table.hasGraphSuccessor()) {
      return table.tableName() + " reads the Defender for Endpoint API, which this connection does not use (api="
          + name().toLowerCase(Locale.ROOT) + "), and Microsoft Graph has no successor: " + table.successor()
          + ". Set api=both or api=mde to read it while the MDE API answers (until " + Api.MDE_RETIREMENT + ").";
    }
    if (table.api() == Api.MDE) {
      final String successor = table.successor();
      return table.tableName() + " reads the Defender for Endpoint API, which this connection does not use (api="
          + name().toLowerCase(Locale.ROOT) + "; that API stops working after " + Api.MDE_RETIREMENT
          + "). Read " + successor + " instead (permission " + MigrationReference.permission(successor)
          + " on Microsoft Graph).";
    }
    return table.tableName() + " reads Microsoft Graph, which this connection does not use (api="
        + name().toLowerCase(Locale.ROOT) + "). Set api=both or api=graph and grant " + table.readRole()
        + " on Microsoft Graph to read it.";
  }
}
