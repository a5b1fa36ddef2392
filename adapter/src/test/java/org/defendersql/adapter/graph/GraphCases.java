package org.defendersql.adapter.graph;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.defendersql.emulator.graph.GraphData;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * The queries of {@link GraphPushdownRequestsTest} over the Graph tables and the requests each must send, decoded;
 * {@code ~} marks a regular expression. Literals are values of the emulated tenant's Graph rows, so that the
 * queries hit rows and their boundaries.
 */
final class GraphCases {
  private static final String ALERTS = "GET /v1.0/security/alerts_v2";
  private static final String INCIDENTS = "GET /v1.0/security/incidents";
  /** A next page of Graph's: the same path with a {@code $skiptoken}. */
  private static final String NEXT_INCIDENTS = "~GET /v1\\.0/security/incidents\\?(.*&)?\\$skiptoken=.+";
  private static final DateTimeFormatter SQL_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final Map<String, List<String>> cases = new LinkedHashMap<>();

  GraphCases(GraphData graph) {
    final List<Object[]> alerts = graph.rows(DefenderModel.GRAPH_ALERTS).toList();
    final List<Object[]> incidents = graph.rows(DefenderModel.GRAPH_INCIDENTS).toList();
    final List<Object[]> evidence = graph.rows(DefenderModel.GRAPH_ALERT_EVIDENCE).toList();
    final Entity a = DefenderModel.GRAPH_ALERTS;
    final Entity i = DefenderModel.GRAPH_INCIDENTS;
    final Entity ev = DefenderModel.GRAPH_ALERT_EVIDENCE;
    final String alertId = (String) value(alerts, a, "id", 17);
    final String otherAlertId = (String) value(alerts, a, "id", 201);
    final String assignee = (String) first(alerts, a, "assigned_to");
    final Instant created = (Instant) value(alerts, a, "created_date_time", 150);
    final Instant updated = (Instant) value(alerts, a, "last_update_date_time", 90);
    final String incidentId = (String) value(incidents, i, "id", 3);
    final Instant incidentCreated = (Instant) value(incidents, i, "created_date_time", incidents.size() / 2);
    final String incidentAssignee = (String) first(incidents, i, "assigned_to");
    final String sha1 = (String) first(evidence, ev, "file_details_sha1");
    final String account = (String) first(evidence, ev, "user_account_account_name");
    final int incidentPages = (incidents.size() + DefenderModel.GRAPH_INCIDENTS.maxTop() - 1)
        / DefenderModel.GRAPH_INCIDENTS.maxTop();

    // graph_alerts: each filterable property and operator, enums as Graph's exact camelCase members
    q("select id from graph_alerts where severity = 'high'", ALERTS + "?$filter=severity eq 'high'");
    q("select id from graph_alerts where severity = 'High'", ALERTS);
    q("select id, status from graph_alerts where status <> 'resolved'",
        ALERTS + "?$filter=status ne 'resolved' and status ne null");
    q("select id from graph_alerts where status in ('new', 'inProgress')",
        ALERTS + "?$filter=status eq 'inProgress' or status eq 'new'");
    q("select id from graph_alerts where severity not in ('informational', 'low')",
        ALERTS + "?$filter=(severity ne 'informational' and severity ne null) and (severity ne 'low' and severity"
        + " ne null)");
    q("select id from graph_alerts where not (severity = 'medium' or status = 'new')",
        ALERTS + "?$filter=(severity ne 'medium' and severity ne null) and (status ne 'new' and status ne null)");
    q("select id from graph_alerts where severity > 'low'", ALERTS);
    q("select id from graph_alerts where classification = 'truePositive'",
        ALERTS + "?$filter=classification eq 'truePositive'");
    q("select id from graph_alerts where classification is null", ALERTS + "?$filter=classification eq null");
    q("select id from graph_alerts where determination = 'malware' or determination = 'securityTesting'",
        ALERTS + "?$filter=determination eq 'malware' or determination eq 'securityTesting'");
    q("select id from graph_alerts where service_source = 'microsoftDefenderForEndpoint'",
        ALERTS + "?$filter=serviceSource eq 'microsoftDefenderForEndpoint'");
    q("select id from graph_alerts where assigned_to = '" + sql(assignee) + "'",
        ALERTS + "?$filter=assignedTo eq '" + sql(assignee) + "'");
    q("select id from graph_alerts where assigned_to = 'O''Brien@contoso.com'",
        ALERTS + "?$filter=assignedTo eq 'O''Brien@contoso.com'");
    q("select id from graph_alerts where assigned_to is not null", ALERTS + "?$filter=assignedTo ne null");
    q("select id from graph_alerts where assigned_to <> 'x'", ALERTS);
    q("select id from graph_alerts where created_date_time > timestamp '" + ts(created, 0) + "'",
        ALERTS + "?$filter=createdDateTime ge " + iso(created, 1));
    q("select id from graph_alerts where created_date_time <= timestamp '" + ts(created, 0) + "'",
        ALERTS + "?$filter=createdDateTime lt " + iso(created, 1));
    q("select id from graph_alerts where created_date_time = timestamp '" + ts(created, 0) + "'",
        ALERTS + "?$filter=createdDateTime ge " + iso(created, 0) + " and createdDateTime lt " + iso(created, 1));
    q("select id from graph_alerts where last_update_date_time between timestamp '" + ts(updated, -1000)
        + "' and timestamp '" + ts(updated, 0) + "'", ALERTS + "?$filter=lastUpdateDateTime ge "
        + iso(updated, -1000) + " and lastUpdateDateTime lt " + iso(updated, 1));
    q("select id from graph_alerts where last_update_date_time > current_timestamp - interval '7' day",
        "~GET /v1\\.0/security/alerts_v2\\?\\$filter=lastUpdateDateTime ge \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"
        + "(\\.\\d{1,3})?Z");
    q("select id from graph_alerts where severity = 'high' and created_date_time >= timestamp '" + ts(created, 0)
        + "'", ALERTS + "?$filter=severity eq 'high' and createdDateTime ge " + iso(created, 0));
    q("select id from graph_alerts where detection_source = 'antivirus'", ALERTS);
    q("select id from graph_alerts where severity = 'high' and title like '%a%'",
        ALERTS + "?$filter=severity eq 'high'");
    q("select id, title from graph_alerts limit 5", ALERTS + "?$top=5");
    q("select id from graph_alerts where status = 'new' limit 3", ALERTS + "?$filter=status eq 'new'&$top=3");
    q("select id from graph_alerts limit 5 offset 10", ALERTS + "?$top=5&$skip=10");
    q("select id from graph_alerts limit 2500", ALERTS);
    // Graph's alerts: $top at most 1,000 (a larger one is clamped, and could come back short), $skip at most 500.
    q("select id from graph_alerts limit 1000", ALERTS + "?$top=1000");
    q("select id from graph_alerts limit 1001", ALERTS);
    q("select id from graph_alerts limit 5 offset 500", ALERTS + "?$top=5&$skip=500");
    q("select id from graph_alerts limit 5 offset 501", ALERTS);
    q("select id, created_date_time from graph_alerts order by created_date_time desc limit 10", ALERTS);
    q("select id, created_date_time from graph_alerts where severity = 'medium' order by created_date_time asc"
        + " nulls first limit 5 offset 2", ALERTS + "?$filter=severity eq 'medium'");
    q("select count(*) from graph_alerts", ALERTS);
    q("select severity, count(*) from graph_alerts group by severity", ALERTS);
    q("select * from graph_alerts where id = '" + alertId + "'", ALERTS + "/" + alertId);
    q("select id, evidence from graph_alerts where id in ('" + alertId + "', '" + otherAlertId + "')",
        ALERTS + "/" + alertId, ALERTS + "/" + otherAlertId);
    // graph_alert_evidence: the parent's filters go to alerts_v2; evidence is inline, never expanded
    q("select alert_id, evidence_type from graph_alert_evidence where alert_created_date_time >= timestamp '"
        + ts(created, 0) + "'", ALERTS + "?$filter=createdDateTime ge " + iso(created, 0));
    q("select alert_id, evidence_type, file_details_sha1, user_account_account_name from graph_alert_evidence"
        + " where alert_id = '" + alertId + "'", ALERTS + "/" + alertId);
    q("select alert_id from graph_alert_evidence where file_details_sha1 = '" + sha1 + "'", ALERTS);
    q("select alert_id, roles from graph_alert_evidence where user_account_account_name = '" + sql(account)
        + "' and alert_created_date_time < timestamp '" + ts(created, 0) + "'",
        ALERTS + "?$filter=createdDateTime lt " + iso(created, 0));
    q("select count(*) from graph_alert_evidence", ALERTS);
    // graph_incidents: $top up to 50, $expand=alerts only when read, paging beyond 50
    q("select id from graph_incidents where status = 'active'", pages(INCIDENTS + "?$filter=status eq 'active'",
        new Incidents(incidents).count(r -> "active".equals(r[i.indexOf(i.column("status").orElseThrow())]))));
    q("select id from graph_incidents where status = 'Active'", pages(INCIDENTS, incidentPages));
    // Graph pages incidents 50 at a time: a filter's request reads as many pages as its matches fill.
    final Incidents in = new Incidents(incidents);
    q("select id, severity from graph_incidents where severity in ('high', 'medium') and created_date_time >="
        + " timestamp '" + ts(incidentCreated, 0) + "'", pages(INCIDENTS + "?$filter=(severity eq 'high' or severity"
        + " eq 'medium') and createdDateTime ge " + iso(incidentCreated, 0), in.count(r -> List.of("high", "medium")
        .contains(in.get(r, "severity")) && !((Instant) in.get(r, "created_date_time")).isBefore(incidentCreated))));
    q("select id from graph_incidents where classification = 'truePositive' or determination = 'malware'",
        pages(INCIDENTS + "?$filter=classification eq 'truePositive' or determination eq 'malware'",
            in.count(r -> "truePositive".equals(in.get(r, "classification"))
                || "malware".equals(in.get(r, "determination")))));
    q("select id from graph_incidents where assigned_to = '" + sql(incidentAssignee) + "'",
        pages(INCIDENTS + "?$filter=assignedTo eq '" + sql(incidentAssignee) + "'",
            in.count(r -> incidentAssignee.equals(in.get(r, "assigned_to")))));
    q("select id from graph_incidents where last_update_date_time < timestamp '" + ts(incidentCreated, 0) + "'",
        pages(INCIDENTS + "?$filter=lastUpdateDateTime lt " + iso(incidentCreated, 0),
            in.count(r -> ((Instant) in.get(r, "last_update_date_time")).toEpochMilli()
                < incidentCreated.toEpochMilli())));
    q("select id, display_name from graph_incidents", pages(INCIDENTS, incidentPages));
    q("select id, alerts from graph_incidents where status = 'active'",
        pages(INCIDENTS + "?$filter=status eq 'active'&$expand=alerts",
            in.count(r -> "active".equals(in.get(r, "status")))));
    q("select id, alerts from graph_incidents limit 3", INCIDENTS + "?$expand=alerts&$top=3");
    q("select id from graph_incidents limit 50", INCIDENTS + "?$top=50");
    q("select id from graph_incidents limit 70", pages(INCIDENTS, Math.min(incidentPages, 2)));
    q("select id, created_date_time from graph_incidents order by created_date_time desc limit 5",
        pages(INCIDENTS, incidentPages));
    q("select * from graph_incidents where id = '" + incidentId + "'",
        INCIDENTS + "/" + incidentId + "?$expand=alerts");
    q("select id, status from graph_incidents where id = '" + incidentId + "'", INCIDENTS + "/" + incidentId);
  }

  Map<String, List<String>> all() {
    return cases;
  }

  private void q(String sql, String... requests) {
    cases.put(sql, List.of(requests));
  }

  private void q(String sql, List<String> requests) {
    cases.put(sql, requests);
  }

  /** The first page of a scan and its next pages. */
  private static List<String> pages(String first, int pages) {
    final List<String> out = new ArrayList<>();
    out.add(first);
    for (int p = 1; p < pages; p++) {
      out.add(NEXT_INCIDENTS);
    }
    return out;
  }

  /** The requests of an incidents scan with this many matches: a page each 50, and one when there are none. */
  private static List<String> pages(String first, long matches) {
    return pages(first, (int) Math.max(1, (matches + DefenderModel.GRAPH_INCIDENTS.maxTop() - 1)
        / DefenderModel.GRAPH_INCIDENTS.maxTop()));
  }

  /** The emulated incidents, counted by a condition in Java. */
  private record Incidents(List<Object[]> rows) {
    Object get(Object[] row, String column) {
      final Entity i = DefenderModel.GRAPH_INCIDENTS;
      return row[i.indexOf(i.column(column).orElseThrow())];
    }

    long count(java.util.function.Predicate<Object[]> p) {
      return rows.stream().filter(p).count();
    }
  }

  private static Object value(List<Object[]> rows, Entity e, String column, int row) {
    return rows.get(row % rows.size())[e.indexOf(e.column(column).orElseThrow())];
  }

  private static Object first(List<Object[]> rows, Entity e, String column) {
    final int c = e.indexOf(e.column(column).orElseThrow());
    return rows.stream().map(r -> r[c]).filter(Objects::nonNull).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + e.tableName() + "." + column + " in the tenant"));
  }

  private static String sql(String s) {
    return s.replace("'", "''");
  }

  /** The instant cut to SQL's milliseconds and moved, as a SQL timestamp literal's text in UTC. */
  private static String ts(Instant t, long deltaMillis) {
    return SQL_TS.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(t.toEpochMilli() + deltaMillis),
        ZoneOffset.UTC));
  }

  /** The instant cut to milliseconds and moved, as the OData literal the translator writes. */
  private static String iso(Instant t, long deltaMillis) {
    return Instant.ofEpochMilli(t.toEpochMilli() + deltaMillis).toString();
  }
}
