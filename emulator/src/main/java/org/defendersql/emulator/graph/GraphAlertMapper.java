package org.defendersql.emulator.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.model.DefenderModel;

/**
 * A Graph alert ({@code microsoft.graph.security.alert}, the row of {@code graph_alerts}) from the MDE alert of
 * the same id: the same id, texts, times and techniques, {@code incidentId} as a string, enums as Graph's camelCase
 * members, Graph's portal links, comments in Graph's shape and the evidence of {@link GraphEvidenceMapper}. The row
 * has the model's columns, in the model's order; properties are set by their JSON names, so a property the model
 * lacks fails at start-up and one the mapping leaves out stays null.
 */
final class GraphAlertMapper {
  /** The portal that Graph's links point into. */
  static final String PORTAL = "https://security.microsoft.com";
  /** The recommended actions Defender for Endpoint alerts carry. */
  static final String RECOMMENDED_ACTIONS = "A. Validate the alert.\nB. Scope the incident.\n"
      + "C. Contain and mitigate the breach.\nD. Contact your incident response team, or contact Microsoft "
      + "support for investigation and remediation services.";

  private static final RowShape MDE = new RowShape(DefenderModel.ALERTS);
  private static final RowShape GRAPH = new RowShape(DefenderModel.GRAPH_ALERTS);
  private final GraphEvidenceMapper evidence;

  GraphAlertMapper(GraphEvidenceMapper evidence) {
    this.evidence = evidence;
  }

  /**
   * The Graph alert of an MDE alert row.
   *
   * @param withEvidence whether to fill {@code evidence} (the MDE row must then hold its evidence)
   */
  Object[] alert(Object[] mde, boolean withEvidence) {
    final Object[] g = GRAPH.newRow();
    final String id = (String) get(mde, "id");
    final String tenant = (String) get(mde, "aadTenantId");
    final Object incident = get(mde, "incidentId");
    final String detectionSource = (String) get(mde, "detectionSource");
    set(g, "id", id);
    set(g, "providerAlertId", id);
    set(g, "incidentId", incident == null ? null : incident.toString());
    set(g, "status", GraphEnumMapping.alertStatus((String) get(mde, "status")));
    set(g, "severity", GraphEnumMapping.severity((String) get(mde, "severity")));
    set(g, "classification", GraphEnumMapping.classification((String) get(mde, "classification")));
    set(g, "determination", GraphEnumMapping.determination((String) get(mde, "determination")));
    set(g, "serviceSource", GraphEnumMapping.serviceSource(detectionSource));
    set(g, "detectionSource", GraphEnumMapping.detectionSource(detectionSource));
    set(g, "detectorId", get(mde, "detectorId"));
    set(g, "tenantId", tenant);
    set(g, "title", get(mde, "title"));
    set(g, "description", get(mde, "description"));
    set(g, "recommendedActions", RECOMMENDED_ACTIONS);
    set(g, "category", get(mde, "category"));
    set(g, "assignedTo", get(mde, "assignedTo"));
    set(g, "alertWebUrl", PORTAL + "/alerts/" + id + "?tid=" + tenant);
    set(g, "incidentWebUrl", incident == null ? null : PORTAL + "/incidents/" + incident + "?tid=" + tenant);
    set(g, "threatDisplayName", get(mde, "threatName"));
    set(g, "threatFamilyName", get(mde, "threatFamilyName"));
    set(g, "mitreTechniques", get(mde, "mitreTechniques"));
    set(g, "createdDateTime", get(mde, "alertCreationTime"));
    set(g, "lastUpdateDateTime", get(mde, "lastUpdateTime"));
    set(g, "resolvedDateTime", get(mde, "resolvedTime"));
    set(g, "firstActivityDateTime", get(mde, "firstEventTime"));
    set(g, "lastActivityDateTime", get(mde, "lastEventTime"));
    set(g, "systemTags", "ThreatExperts".equals(detectionSource) ? List.of("Defender Experts") : List.of());
    set(g, "comments", comments((List<?>) get(mde, "comments")));
    if (withEvidence) {
      set(g, "evidence", evidence.evidence(mde));
    }
    return g;
  }

  /** The MDE alert's comments as Graph's {@code alertComment}s. */
  private static List<Map<String, Object>> comments(List<?> mde) {
    final List<Map<String, Object>> comments = new ArrayList<>();
    for (Object o : mde) {
      final Map<?, ?> c = (Map<?, ?>) o;
      final Map<String, Object> g = new LinkedHashMap<>();
      g.put("comment", c.get("comment"));
      g.put("createdByDisplayName", c.get("createdBy"));
      g.put("createdDateTime", c.get("createdTime"));
      comments.add(java.util.Collections.unmodifiableMap(g));
    }
    return List.copyOf(comments);
  }

  /** A property of a Graph alert row, by its JSON name. */
  static Object value(Object[] graphAlert, String jsonName) {
    return graphAlert[GRAPH.index(jsonName)];
  }

  private static Object get(Object[] mde, String jsonPath) {
    return mde[MDE.index(jsonPath)];
  }

  private static void set(Object[] g, String jsonName, Object value) {
    g[GRAPH.index(jsonName)] = value;
  }
}
