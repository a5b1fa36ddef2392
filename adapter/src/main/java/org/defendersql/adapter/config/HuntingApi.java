package org.defendersql.adapter.config;

import java.util.Locale;
import org.defendersql.model.hunting.HuntingModel;

/**
 * The two services that answer advanced-hunting queries: Microsoft Graph's {@code runHuntingQuery} (the
 * successor, the default) and the retiring Defender for Endpoint API's {@code advancedqueries/run}. They take
 * the same KQL and differ in root, token audience, permission, answer keys and whether they accept a
 * {@code Timespan}.
 */
public enum HuntingApi {
  /** {@code POST {graphUrl}/v1.0/security/runHuntingQuery}, with {@code ThreatHunting.Read.All}. */
  GRAPH(HuntingModel.GRAPH_PATH, HuntingModel.GRAPH_ROLE, "Microsoft Graph", true),
  /** {@code POST {serverUrl}/api/advancedqueries/run}, with {@code AdvancedQuery.Read.All}. */
  MDE(HuntingModel.MDE_PATH, HuntingModel.MDE_ROLE, "WindowsDefenderATP", false);

  /** The endpoint path under the API's root. */
  public final String path;
  /** The application permission the endpoint requires. */
  public final String role;
  /** The API whose permission it is, as the Entra admin center lists it. */
  public final String permissionApi;
  /** Whether the request body may carry a {@code Timespan} (only Graph documents one). */
  public final boolean takesTimespan;

  HuntingApi(String path, String role, String permissionApi, boolean takesTimespan) {
    this.path = path;
    this.role = role;
    this.permissionApi = permissionApi;
    this.takesTimespan = takesTimespan;
  }

  /** The backend a setting names: {@code graph} or {@code mde}, ignoring case. */
  public static HuntingApi parse(String text) {
    final String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "graph" -> GRAPH;
      case "mde" -> MDE;
      default -> throw new IllegalArgumentException("must be graph or mde, not '" + text + "'");
    };
  }
}
