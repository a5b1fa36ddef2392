-- Getting started with defender-sql. Each statement runs as is against the emulated tenant
-- (a test checks that each returns rows). EXPLAIN PLAN FOR <query> shows the request each one sends.

-- Open high-severity alerts of the last week, newest first.
select id, title, computer_dns_name, alert_creation_time
from alerts
where severity = 'High' and status <> 'Resolved'
  and alert_creation_time > current_timestamp - interval '7' day
order by alert_creation_time desc;

-- Alerts per device group and category.
select rbac_group_name, category, count(*) as alerts
from alerts
group by rbac_group_name, category
order by alerts desc;

-- Onboarded devices that are not healthy, with how many alerts each raised.
select m.computer_dns_name, m.health_status, count(a.id) as alerts
from machines m left join alerts a on a.machine_id = m.id
where m.onboarding_status = 'Onboarded' and m.health_status <> 'Active'
group by m.computer_dns_name, m.health_status
order by alerts desc;

-- MITRE ATT&CK techniques of the last 30 days.
select t.technique, count(*) as alerts
from alerts cross join unnest(mitre_techniques) as t(technique)
where alert_creation_time >= current_timestamp - interval '30' day
group by t.technique
order by alerts desc;

-- Who was logged on when alerts fired (arrays of objects are JSON text).
select id, json_value(logged_on_users, '$[0].accountName') as first_logged_on_user, severity
from alerts
where json_value(logged_on_users, '$[0].accountName') is not null
fetch first 20 rows only;

-- Devices by operating system and exposure.
select os_platform, exposure_level, count(*) as devices
from machines
group by os_platform, exposure_level
order by os_platform, exposure_level;
