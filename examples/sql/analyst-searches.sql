-- The searches analysts run every day, each one statement. The keys are those of the emulated tenant the
-- server serves by default (seed 42), so every statement returns rows there; a test checks that they do.
-- EXPLAIN PLAN FOR <statement> shows the requests; the comment says what each costs.

-- Alerts related to a user name (bare account name). 1 request per page of the answer.
select id, title, severity, alert_creation_time from user_alerts where user_name = 'hdavis80';

-- Alerts for an email address: the API takes the account name, so 'wsilva@contoso.com' is sent as
-- 'wsilva' (users of that name in other domains are included). 1 request.
select id, title, severity from user_alerts where user_name = 'wsilva@contoso.com';

-- Alerts on a device, by DNS name: the machine by $filter, then its alerts by its id. 2 requests.
select a.id, a.title, a.status
from machines m join alerts a on a.machine_id = m.id
where m.computer_dns_name = 'desktop-863c066.contoso.com';

-- Alerts whose evidence includes a file, by SHA-1. 1 request.
select id, title, severity from file_alerts where file_sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339';

-- The same by SHA-256: the file by its SHA-256, then its alerts by SHA-1. 2 requests.
select fa.id, fa.title, f.file_type
from files f join file_alerts fa on fa.file_sha1 = f.sha1
where f.sha256 = 'f5f4e51bd85d9d4bb1b382353ee7b30e4a59aef17f408480caab9f73a33c072a';

-- Everything Defender knows of a file, with its prevalence in the organisation. 2 requests (file, statistics).
select sha1, file_type, signer, determination_type, org_prevalence, org_first_seen, top_file_names
from files where sha1 = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339';

-- Device context: the machine, who logged on to it, and its open alerts. 3 requests.
select m.computer_dns_name, m.health_status, u.account_name, u.logon_types, a.title
from machines m
join users u on u.machine_id = m.id
join alerts a on a.machine_id = m.id and a.status <> 'Resolved'
where m.id = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd';

-- User context: the machines a user logged on to, with first/last seen and logon types there.
-- 1 request, then 1 per machine.
select m.computer_dns_name, u.first_seen, u.last_seen, u.logon_types
from user_machines m join users u on u.machine_id = m.id
where m.user_name = 'hdavis80' and lower(u.account_name) = 'hdavis80';

-- Alerts related to an IP address. 1 request.
select id, title from ip_alerts where ip = '91.91.22.233';

-- Evidence naming a user principal name (reads alerts with their evidence: a scan, narrowed here to 90 days).
select alert_id, entity_type, account_name
from alert_evidence
where user_principal_name = 'wsilva@contoso.com' and alert_creation_time > current_timestamp - interval '90' day;

-- A CSV file of suspicious hashes (examples/data/SUSPICIOUS_HASHES.csv, model defender-and-csv.json) drives the
-- file lookups: at most 1 request per hash (20 here), no scan.
select h.source, f.sha1, f.file_type, f.determination_type
from intel.suspicious_hashes h join files f on f.sha1 = h.sha1;
