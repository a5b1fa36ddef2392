-- The analyst's searches with Microsoft Graph alone: the configuration an app has after the MDE API retires
-- (1 February 2027), or when it holds only Graph permissions (SecurityAlert.Read.All, SecurityIncident.Read.All,
-- ThreatHunting.Read.All). Set api=graph and every statement below still runs; the MDE-API tables then answer an
-- error naming these successors. Keys are those of the emulated tenant the server serves by default (seed 42); a
-- test runs each statement with the emulator's MDE API switched off and checks it gives the same alerts (or
-- devices, accounts) as its MDE-API version, and how many requests it sends.
-- Graph's alerts_v2 cannot filter on evidence, so a search by evidence reads the alerts page by page (2,000 a
-- page, evidence inline): add "and alert_created_date_time > current_timestamp - interval '30' day" to read only
-- the last month (that condition is sent as $filter).

-- Alerts whose evidence names a user (bare account name).
select distinct alert_id, alert_title, alert_severity
from graph_alert_evidence
where user_account_account_name = 'hdavis80';

-- Alerts whose evidence names an email address (user principal name or mailbox address).
select distinct alert_id, alert_title, alert_severity
from graph_alert_evidence
where user_account_user_principal_name = 'wsilva@contoso.com' or primary_address = 'wsilva@contoso.com';

-- Alerts on a device, by DNS name: each alert has a device evidence item for its device.
select distinct alert_id, alert_title, alert_status
from graph_alert_evidence
where device_dns_name = 'desktop-863c066.contoso.com';

-- Alerts whose evidence includes a file, by SHA-1 (a file or a process image).
select distinct alert_id, alert_title, alert_severity
from graph_alert_evidence
where file_details_sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339'
   or image_file_sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339';

-- The same by SHA-256.
select distinct alert_id, alert_title, alert_severity
from graph_alert_evidence
where file_details_sha256 = 'f5f4e51bd85d9d4bb1b382353ee7b30e4a59aef17f408480caab9f73a33c072a'
   or image_file_sha256 = 'f5f4e51bd85d9d4bb1b382353ee7b30e4a59aef17f408480caab9f73a33c072a';

-- Alerts related to an IP address.
select distinct alert_id, alert_title
from graph_alert_evidence
where ip_address = '91.91.22.233';

-- Device context: the device's latest state (one hunting request).
select "DeviceName", "OSPlatform", "SensorHealthState", "ExposureLevel", "MachineGroup"
from hunting.device_context
where "DeviceId" = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd';

-- Device context: who logged on to it, first and last (one hunting request).
select "AccountDomain", "AccountName", "FirstSeen", "LastSeen", "LogonCount"
from hunting.device_users
where "DeviceId" = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd';

-- User context: the devices a user logged on to (one hunting request).
select "DeviceName", "FirstSeen", "LastSeen", "LogonCount"
from hunting.device_users
where "AccountName" = 'hdavis80';

-- A file's prevalence: on how many devices, first and last seen (one hunting request).
select "SHA1", "FileName", "DeviceCount", "FirstSeen", "LastSeen"
from hunting.file_prevalence
where "SHA1" = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339';

-- Open high-severity incidents (Graph serves 50 a page; an incident's alerts are read only when selected).
select id, display_name, severity, status, created_date_time
from graph_incidents
where status = 'active' and severity = 'high';
