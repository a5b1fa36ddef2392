-- Device searches: who had an IP address at a time, devices by tag, response actions, automated investigations,
-- custom indicators, antivirus health, exposure and secure scores, IP and domain prevalence. Each statement says
-- what it costs in requests to the Defender API (EXPLAIN PLAN FOR <statement> shows them). Keys are those of the
-- emulated tenant the server serves by default (seed 42); a test runs each statement on that tenant with its
-- "now" at 2026-12-01T00:00:00Z and checks its rows and request count. findbyip only looks 30 days back: on
-- another day, use a time within the last 30 days, e.g. seen_at = current_timestamp - interval '2' day (computed
-- when the statement runs; a JDBC ? works too).

-- Who had the address 10.1.15.251 on 20 November at 09:00 UTC (15 minutes either side): findbyip. 1 request.
select id, computer_dns_name, last_ip_address
from machines_by_ip
where ip = '10.1.15.251' and seen_at = timestamp '2026-11-20 09:00:00';

-- The same address late on 30 November: another device holds it now. 1 request.
select id, computer_dns_name, last_ip_address
from machines_by_ip
where ip = '10.1.15.251' and seen_at = timestamp '2026-11-30 21:00:00';

-- Not the same question: the device whose latest address is 10.1.15.251 (a $filter on machines). 1 request.
select id, computer_dns_name from machines where last_ip_address = '10.1.15.251';

-- Devices tagged VIP: findbytag, exact tag, one request whatever the number of devices. 1 request.
select id, computer_dns_name, os_platform, health_status from machines_by_tag where tag = 'VIP';

-- Response actions on a device, latest first ($filter on machineId). 1 request.
select type, status, requestor, creation_date_time_utc
from machine_actions
where machine_id = '0009a0ec5be502b98461f017fe2b676c03e3e3a0'
order by creation_date_time_utc desc;

-- Isolations that did not succeed ($filter on type and status). 1 request.
select computer_dns_name, status, requestor, creation_date_time_utc
from machine_actions
where type = 'Isolate' and status <> 'Succeeded';

-- Automated investigations of a device ($filter on machineId). 1 request.
select id, state, start_time, end_time, triggering_alert_id
from investigations
where machine_id = '0009a0ec5be502b98461f017fe2b676c03e3e3a0';

-- Investigations of a device with the title of the alert that started each: the investigations, then each
-- one's alert by id (GET /api/alerts/{id}, four at a time); this device has 3. 4 requests.
select i.id, i.state, a.title, a.severity
from investigations i join alerts a on a.id = i.triggering_alert_id
where i.machine_id = '0009a0ec5be502b98461f017fe2b676c03e3e3a0';

-- Custom indicators that block IP addresses ($filter). 1 request.
select indicator_value, title, severity, expiration_time
from indicators
where indicator_type = 'IpAddress' and action = 'Block';

-- Devices whose antivirus signatures are out of date ($filter). 1 request.
select computer_dns_name, os_platform, av_signature_version, av_signature_update_time
from device_av_health
where av_is_signature_up_to_date = 'False';

-- The organisation's exposure score and secure score for devices: one object each. 2 requests.
select e.score as exposure_score, s.score as secure_score
from exposure_score e cross join device_secure_score s;

-- The exposure score of each device group, worst first. 1 request.
select rbac_group_name, score from exposure_score_by_machine_group order by score desc;

-- How prevalent an attacker's address and domain are in the organisation (30 days). 1 request each: 2 requests.
select ip_address, org_prevalence, org_first_seen, org_last_seen from ip_stats where ip_address = '103.100.205.19'
union all
select host, org_prevalence, org_first_seen, org_last_seen from domain_stats where host = 'verify-support.top';
