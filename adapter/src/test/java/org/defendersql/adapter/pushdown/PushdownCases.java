package org.defendersql.adapter.pushdown;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The queries of {@link PushdownRequestsTest} and the requests each must send, decoded; {@code ~} marks a regex. */
final class PushdownCases {
  private PushdownCases() {
  }

  static final Map<String, List<String>> CASES = new LinkedHashMap<>();

  private static void q(String sql, String... requests) {
    CASES.put(sql, List.of(requests));
  }

  static {
    q("select id from alerts where severity = 'High'",
        "GET /api/alerts?$filter=severity eq 'High'&$select=id");
    q("select id, title from alerts where status = 'New'",
        "GET /api/alerts?$filter=status eq 'New'&$select=id,title");
    q("select id from alerts where status <> 'Resolved'",
        "GET /api/alerts?$filter=status ne 'Resolved'&$select=id");
    q("select id from alerts where detection_source <> 'WindowsDefenderAv'",
        "GET /api/alerts?$filter=detectionSource ne 'WindowsDefenderAv' and detectionSource ne null&$select=id");
    q("select id from alerts where severity in ('High', 'Medium')",
        "GET /api/alerts?$filter=severity eq 'High' or severity eq 'Medium'&$select=id");
    q("select id from alerts where severity not in ('Informational', 'Low')",
        "GET /api/alerts?$filter=severity ne 'Informational' and severity ne 'Low'&$select=id");
    q("select id from alerts where severity = 'high'",
        "GET /api/alerts?$select=id,severity");
    q("select id from alerts where severity > 'Low'",
        "GET /api/alerts?$select=id,severity");
    q("select id from alerts where not (severity = 'High')",
        "GET /api/alerts?$filter=severity ne 'High'&$select=id");
    q("select id from alerts where not (severity = 'High' or status = 'New')",
        "GET /api/alerts?$filter=severity ne 'High' and status ne 'New'&$select=id");
    q("select id from alerts where severity = 'High' and status = 'New'",
        "GET /api/alerts?$filter=severity eq 'High' and status eq 'New'&$select=id");
    q("select id from alerts where severity = 'High' or status = 'New'",
        "GET /api/alerts?$filter=severity eq 'High' or status eq 'New'&$select=id");
    q("select id from alerts where severity = 'High' or title like '%PowerShell%'",
        "GET /api/alerts?$select=id,severity,title");
    q("select id from alerts where severity = 'High' and title like '%PowerShell%'",
        "GET /api/alerts?$filter=severity eq 'High'&$select=id,title");
    q("select id from alerts where incident_id = 10010",
        "GET /api/alerts?$filter=incidentId eq 10010&$select=id");
    q("select id from alerts where incident_id > 10500",
        "GET /api/alerts?$filter=incidentId gt 10500&$select=id");
    q("select id from alerts where incident_id between 10010 and 10020",
        "GET /api/alerts?$filter=incidentId ge 10010 and incidentId le 10020&$select=id");
    q("select id from alerts where incident_id in (10010, 10011, 10012)",
        "GET /api/alerts?$filter=incidentId eq 10010 or incidentId eq 10011 or incidentId eq 10012&$select=id");
    q("select id from alerts where incident_id <> 10010",
        "GET /api/alerts?$filter=incidentId ne 10010 and incidentId ne null&$select=id");
    q("select id from alerts where incident_id is null",
        "GET /api/alerts?$filter=incidentId eq null&$select=id");
    q("select id from alerts where investigation_id is not null",
        "GET /api/alerts?$filter=investigationId ne null&$select=id");
    q("select id from alerts where incident_id = 10010.5",
        "GET /api/alerts?$select=id,incidentId");
    q("select id from alerts where assigned_to is null",
        "GET /api/alerts?$filter=assignedTo eq null&$select=id");
    q("select id from alerts where assigned_to = 'Automation'",
        "GET /api/alerts?$filter=assignedTo eq 'Automation'&$select=id,assignedTo");
    q("select id from alerts where assigned_to <> 'Automation'",
        "GET /api/alerts?$select=id,assignedTo");
    q("select id from alerts where category = 'Execution'",
        "GET /api/alerts?$filter=category eq 'Execution'&$select=id,category");
    q("select id from alerts where category in ('Execution', 'Persistence')",
        "GET /api/alerts?$filter=category eq 'Execution' or category eq 'Persistence'&$select=id,category");
    q("select id from alerts where alert_creation_time > timestamp '2026-11-01 00:00:00'",
        "GET /api/alerts?$filter=alertCreationTime ge 2026-11-01T00:00:00.001Z&$select=id");
    q("select id from alerts where alert_creation_time >= timestamp '2026-11-01 00:00:00'",
        "GET /api/alerts?$filter=alertCreationTime ge 2026-11-01T00:00:00Z&$select=id");
    q("select id from alerts where alert_creation_time < timestamp '2026-09-01 00:00:00.5'",
        "GET /api/alerts?$filter=alertCreationTime lt 2026-09-01T00:00:00.500Z&$select=id");
    q("select id from alerts where alert_creation_time <= timestamp '2026-09-01 00:00:00'",
        "GET /api/alerts?$filter=alertCreationTime lt 2026-09-01T00:00:00.001Z&$select=id");
    q("select id from alerts where alert_creation_time = timestamp '2026-09-01 12:00:00.123'",
        "GET /api/alerts?$filter=alertCreationTime ge 2026-09-01T12:00:00.123Z and alertCreationTime lt 2026-09-01T12:00:00.124Z&$select=id");
    q("select id from alerts where alert_creation_time between timestamp '2026-10-01 00:00:00' and timestamp '2026-10-08 00:00:00'",
        "GET /api/alerts?$filter=alertCreationTime ge 2026-10-01T00:00:00Z and alertCreationTime lt 2026-10-08T00:00:00.001Z&$select=id");
    q("select id from alerts where last_update_time > current_timestamp - interval '7' day",
        "~GET\\ /api/alerts\\?\\$filter=lastUpdateTime\\ ge\\ \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z\\&\\$select=id");
    q("select id from alerts where last_event_time is null",
        "GET /api/alerts?$filter=lastEventTime eq null&$select=id");
    q("select id from alerts where first_event_time > timestamp '2026-11-01 00:00:00'",
        "GET /api/alerts?$select=id,firstEventTime");
    q("select id from alerts where computer_dns_name = 'x'",
        "GET /api/alerts?$select=id,computerDnsName");
    q("select id from alerts where lower(severity) = 'high'",
        "GET /api/alerts?$select=id,severity");
    q("select count(*) from alerts",
        "GET /api/alerts?$select=id");
    q("select count(*) from alerts where severity = 'High'",
        "GET /api/alerts?$filter=severity eq 'High'&$select=severity");
    q("select severity, count(*) from alerts group by severity",
        "GET /api/alerts?$select=severity");
    q("select id, severity from alerts limit 5",
        "GET /api/alerts?$select=id,severity&$top=5");
    q("select id from alerts where severity = 'High' limit 3",
        "GET /api/alerts?$filter=severity eq 'High'&$select=id&$top=3");
    q("select id from alerts limit 5 offset 10",
        "GET /api/alerts?$select=id&$top=5&$skip=10");
    q("select id from alerts where title like '%a%' limit 5",
        "GET /api/alerts?$select=id,title");
    q("select id, alert_creation_time from alerts order by alert_creation_time desc limit 10",
        "GET /api/alerts?$select=id,alertCreationTime&$orderby=alertCreationTime desc&$top=10");
    // NULLs sort last (the server's collation, as its JDBC driver reports); the API puts them first ascending,
    // so an ascending order on a nullable column is pushed only when it says NULLS FIRST.
    q("select id, alert_creation_time from alerts order by alert_creation_time asc limit 10",
        "GET /api/alerts?$select=id,alertCreationTime");
    q("select id, alert_creation_time from alerts order by alert_creation_time asc nulls first limit 10",
        "GET /api/alerts?$select=id,alertCreationTime&$orderby=alertCreationTime asc&$top=10");
    q("select id, alert_creation_time from alerts order by alert_creation_time desc nulls last limit 10",
        "GET /api/alerts?$select=id,alertCreationTime&$orderby=alertCreationTime desc&$top=10");
    q("select id, alert_creation_time from alerts where severity = 'High' order by alert_creation_time desc limit 5 offset 5",
        "GET /api/alerts?$filter=severity eq 'High'&$select=id,alertCreationTime&$orderby=alertCreationTime desc&$top=5&$skip=5");
    q("select id, incident_id from alerts order by incident_id desc limit 10",
        "GET /api/alerts?$select=id,incidentId&$orderby=incidentId desc&$top=10");
    q("select id, title from alerts order by title limit 5",
        "GET /api/alerts?$select=id,title");
    q("select id, alert_creation_time from alerts order by alert_creation_time desc nulls first limit 10",
        "GET /api/alerts?$select=id,alertCreationTime");
    q("select * from alerts where id = 'nope'",
        "GET /api/alerts/nope?$expand=evidence");
    q("select id, title from alerts where id in ('nope', 'nada')",
        "GET /api/alerts?$filter=id eq 'nada' or id eq 'nope'&$select=id,title");
    q("select id, computer_dns_name from machines where id = '" + "0".repeat(40) + "'",
        "GET /api/machines/" + "0".repeat(40) + "?$select=id,computerDnsName");
    q("select evidence from alerts where severity = 'High' and category = 'Execution'",
        "GET /api/alerts?$filter=severity eq 'High' and category eq 'Execution'&$select=category,evidence&$expand=evidence");
    q("select id from machines where health_status = 'Active'",
        "GET /api/machines?$filter=healthStatus eq 'Active'&$select=id");
    q("select id from machines where computer_dns_name like 'desktop-%'",
        "GET /api/machines?$filter=startswith(computerDnsName,'desktop-')&$select=id,computerDnsName");
    q("select id from machines where computer_dns_name like '%contoso%'",
        "GET /api/machines?$select=id,computerDnsName");
    q("select id from machines where computer_dns_name = 'DESKTOP-XYZ'",
        "GET /api/machines?$filter=computerDnsName eq 'DESKTOP-XYZ'&$select=id,computerDnsName");
    q("select id from machines where risk_score in ('High', 'Medium') and exposure_level <> 'None'",
        "GET /api/machines?$filter=(riskScore eq 'High' or riskScore eq 'Medium') and exposureLevel ne 'None'&$select=id");
    q("select id from machines where rbac_group_id = 1",
        "GET /api/machines?$filter=rbacGroupId eq 1&$select=id");
    q("select id from machines where rbac_group_id >= 2 and onboarding_status = 'Onboarded'",
        "GET /api/machines?$filter=rbacGroupId ge 2 and onboardingStatus eq 'Onboarded'&$select=id");
    q("select id from machines where last_seen > current_timestamp - interval '1' day",
        "~GET\\ /api/machines\\?\\$filter=lastSeen\\ ge\\ \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z\\&\\$select=id");
    q("select id from machines where os_platform = 'Windows11'",
        "GET /api/machines?$filter=osPlatform eq 'Windows11'&$select=id,osPlatform");
    q("select id from machines where aad_device_id = '01234567-89ab-cdef-0123-456789abcdef'",
        "GET /api/machines?$filter=aadDeviceId eq 01234567-89ab-cdef-0123-456789abcdef&$select=id,aadDeviceId");
    q("select id from machines where last_ip_address = '10.0.0.1'",
        "GET /api/machines?$filter=lastIpAddress eq '10.0.0.1'&$select=id,lastIpAddress");
    q("select id from machines where os_build > 19000",
        "GET /api/machines?$select=id,osBuild");
    q("select a.id, m.computer_dns_name from alerts a join machines m on a.machine_id = m.id where a.severity = 'High' and m.health_status = 'Active'",
        "GET /api/alerts?$filter=severity eq 'High'&$select=id,severity,machineId", "GET /api/machines?$filter=healthStatus eq 'Active'&$select=id,computerDnsName,healthStatus");
  }
}
