package org.defendersql.adapter.bench;

import java.util.List;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/** The analyst queries of the pushdown benchmark, with keys taken from the tenant's own data. */
final class AnalystQueries {
  private AnalystQueries() {
  }

  static List<String> of(DefenderEmulator emulator) {
    final Object[] alert = emulator.data().rows(DefenderModel.ALERTS).skip(777).findFirst().orElseThrow();
    final Object[] machine = emulator.data().rows(DefenderModel.MACHINES).skip(7).findFirst().orElseThrow();
    final String alertId = value(DefenderModel.ALERTS, alert, "id");
    final String incident = value(DefenderModel.ALERTS, alert, "incident_id");
    final String dns = value(DefenderModel.MACHINES, machine, "computer_dns_name");
    final String prefix = dns.substring(0, Math.min(4, dns.length()));
    final String group = value(DefenderModel.MACHINES, machine, "rbac_group_id");
    return List.of(
        "select id, title, severity from alerts where severity = 'High' and status <> 'Resolved'",
        "select count(*) from alerts where alert_creation_time > current_timestamp - interval '1' day",
        "select id, title from alerts where status = 'New' and severity in ('High', 'Medium')"
            + " and alert_creation_time > current_timestamp - interval '7' day",
        "select id, title, alert_creation_time from alerts order by alert_creation_time desc limit 20",
        "select * from alerts where id = '" + alertId + "'",
        "select id, title, severity from alerts where incident_id = " + incident,
        "select id, title from alerts where assigned_to is null and status = 'New' and severity = 'High'",
        "select category, count(*) from alerts where alert_creation_time > current_timestamp - interval '30' day"
            + " group by category",
        "select detection_source, count(*) from alerts where severity = 'High' and status = 'New'"
            + " group by detection_source",
        "select id, title, status from alerts where last_update_time > current_timestamp - interval '1' day",
        "select id, title, computer_dns_name from alerts where title like '%PowerShell%'",
        "select id, computer_dns_name from machines where health_status <> 'Active'",
        "select id, computer_dns_name from machines where computer_dns_name like '" + prefix + "%'",
        "select count(*) from machines where onboarding_status = 'Onboarded' and risk_score = 'High'",
        "select id, computer_dns_name, last_seen from machines where last_seen < current_timestamp - interval '7' day",
        "select os_platform, count(*) from machines group by os_platform",
        "select id, computer_dns_name from machines where exposure_level = 'High' and rbac_group_id = " + group,
        "select a.id, a.title, m.computer_dns_name from alerts a join machines m on a.machine_id = m.id"
            + " where a.severity = 'High' and a.status = 'New' and m.health_status = 'Active'",
        "select id, title, alert_creation_time from alerts where severity = 'High'"
            + " order by alert_creation_time desc limit 50",
        "select id, incident_id from alerts where incident_id between " + incident + " and " + incident + " + 10",
        "select id, computer_dns_name from machines limit 10",
        "select id, title from alerts where investigation_id is not null and status <> 'Resolved'"
            + " and alert_creation_time > current_timestamp - interval '14' day");
  }

  private static String value(Entity e, Object[] row, String column) {
    return String.valueOf(row[e.indexOf(e.column(column).orElseThrow())]);
  }
}
