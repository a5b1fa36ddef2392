-- The analyst's searches on the advanced-hunting tables (schema "hunting"), each one statement: the same
-- questions as analyst-searches.sql, asked of the hunting tables that Microsoft Graph serves (the successor of the
-- retiring Defender API). Keys are those of the emulated tenant the server serves by default (seed 42); a test
-- checks that each statement returns rows there, and the same alerts as the Defender API's tables.
-- Hunting data reaches back 30 days. Timestamp is a SQL keyword: write it "Timestamp". EXPLAIN PLAN FOR shows the
-- KQL each statement sends; every search is one hunting request per table it reads.

-- Alerts whose evidence names a user (bare account name).
select i."AlertId", i."Title", i."Severity", i."Timestamp"
from hunting.AlertInfo i
where i."AlertId" in (select "AlertId" from hunting.AlertEvidence where "AccountName" = 'hdavis80');

-- Alerts whose evidence names an email address (user principal name).
select i."AlertId", i."Title", i."Severity", i."Timestamp"
from hunting.AlertInfo i
where i."AlertId" in (select "AlertId" from hunting.AlertEvidence where "AccountUpn" = 'wsilva@contoso.com');

-- Alerts that fired on a device, by DNS name: each alert has one evidence row of type Machine for its device.
select i."AlertId", i."Title", i."Severity", e."DeviceId"
from hunting.AlertEvidence e join hunting.AlertInfo i on i."AlertId" = e."AlertId"
where e."EntityType" = 'Machine' and e."DeviceName" = 'desktop-863c066.contoso.com';

-- Alerts whose evidence includes a file, by SHA-1.
select i."AlertId", i."Title", i."Severity"
from hunting.AlertInfo i
where i."AlertId" in (select "AlertId" from hunting.AlertEvidence
                      where "SHA1" = '717e6e2cb7d20d55e4831f2dfa0935c0753f8339');

-- The same by SHA-256, with the file's name and folder from the evidence.
select e."AlertId", i."Title", e."FileName", e."FolderPath"
from hunting.AlertEvidence e join hunting.AlertInfo i on i."AlertId" = e."AlertId"
where e."SHA256" = 'f5f4e51bd85d9d4bb1b382353ee7b30e4a59aef17f408480caab9f73a33c072a';

-- Alerts related to an IP address.
select i."AlertId", i."Title"
from hunting.AlertInfo i
where i."AlertId" in (select "AlertId" from hunting.AlertEvidence where "RemoteIP" = '91.91.22.233');

-- Device context: the device's latest report (OS, sensor health, exposure) with its alerts.
select i."AlertId", i."Title", d."DeviceName", d."OSPlatform", d."SensorHealthState", d."ExposureLevel"
from hunting.DeviceInfo d
join hunting.AlertEvidence e on e."DeviceId" = d."DeviceId" and e."EntityType" = 'Machine'
join hunting.AlertInfo i on i."AlertId" = e."AlertId"
where d."DeviceId" = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd'
  and d."Timestamp" = (select max("Timestamp") from hunting.DeviceInfo
                       where "DeviceId" = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd');

-- Device context: who logged on to it, how often, first and last.
select "AccountDomain", "AccountName", count(*) as logons, min("Timestamp") as first_logon,
       max("Timestamp") as last_logon
from hunting.DeviceLogonEvents
where "DeviceId" = 'e0a23d5101052dca37b95ab54addb4c44d1a2efd'
group by "AccountDomain", "AccountName";

-- User context: the devices a user logged on to, with first and last logon and the logon types.
select "DeviceName", min("Timestamp") as first_logon, max("Timestamp") as last_logon, count(*) as logons,
       count(distinct "LogonType") as logon_types
from hunting.DeviceLogonEvents
where "AccountName" = 'hdavis80'
group by "DeviceName";
