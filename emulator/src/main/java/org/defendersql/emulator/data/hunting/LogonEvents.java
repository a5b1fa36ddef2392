package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.List;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.emulator.data.RowShape;
import org.defendersql.emulator.data.ServedEntities;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.hunting.HuntingModel;

/**
 * {@code DeviceLogonEvents}: logons of each device's logon users (the accounts {@code /api/machines/{id}/logonusers}
 * lists, with their SIDs and one of their logon types), mostly successful, remote ones from another device.
 */
final class LogonEvents extends EventRows {
  private static final RowShape USER = new RowShape(ServedEntities.of(DefenderModel.USERS));
  private final int actionType = slots.at("ActionType");
  private final int logonType = slots.at("LogonType");
  private final int accountDomain = slots.at("AccountDomain");
  private final int accountName = slots.at("AccountName");
  private final int accountSid = slots.at("AccountSid");
  private final int protocol = slots.at("Protocol");
  private final int failureReason = slots.at("FailureReason");
  private final int isLocalAdmin = slots.at("IsLocalAdmin");
  private final int logonId = slots.at("LogonId");
  private final int remoteDeviceName = slots.at("RemoteDeviceName");
  private final int remoteIp = slots.at("RemoteIP");
  private final int remoteIpType = slots.at("RemoteIPType");
  private final int remotePort = slots.at("RemotePort");
  private final int initiatingName = slots.at("InitiatingProcessFileName");
  private final int initiatingPath = slots.at("InitiatingProcessFolderPath");
  private final int initiatingId = slots.at("InitiatingProcessId");

  LogonEvents(TenantView view, HuntingConfig config) {
    super(view, HuntingModel.DEVICE_LOGON_EVENTS, 105, config, 0.10);
  }

  @Override
  void fill(Object[] row, Rng r, Instant time, HuntingFacts.Device device) {
    final List<Object[]> users = view.logonUsers(device.index());
    final String type;
    if (users.isEmpty()) {
      final HuntingFacts.Account a = account(r, device);
      row[accountName] = a.accountName();
      row[accountDomain] = a.domainName().toLowerCase(java.util.Locale.ROOT);
      row[accountSid] = a.sid();
      type = "Interactive";
    } else {
      final Object[] u = r.pick(users);
      row[accountName] = u[USER.index("accountName")];
      row[accountDomain] = u[USER.index("accountDomain")];
      row[accountSid] = u[USER.index("accountSid")];
      final String types = (String) u[USER.index("logonTypes")];
      type = r.pick(List.of(types.split(", ")));
    }
    final boolean failed = r.chance(0.08);
    row[actionType] = failed ? "LogonFailed" : "LogonSuccess";
    row[failureReason] = failed ? r.pick("InvalidUserNameOrPassword", "UnknownUser", "AccountLocked") : "";
    row[logonType] = type;
    row[protocol] = device.windows() ? r.pick("Kerberos", "Kerberos", "NTLM", "Negotiate") : "";
    row[isLocalAdmin] = r.chance(0.2);
    row[logonId] = (long) r.between(100_000, 9_999_999);
    if (type.equals("Network") || type.equals("RemoteInteractive")) {
      final HuntingFacts.Device from = r.pick(view.devices());
      row[remoteDeviceName] = from.dnsName();
      row[remoteIp] = from.ip();
      row[remoteIpType] = "Private";
      row[remotePort] = r.between(49_152, 65_535);
    }
    // The system process that handles logons; not a file of the Defender API, so no hashes.
    row[initiatingName] = device.windows() ? "lsass.exe" : "sshd";
    row[initiatingPath] = device.windows() ? "c:\\windows\\system32\\lsass.exe" : "/usr/sbin/sshd";
    row[initiatingId] = (long) r.between(150, 1_200) * 4;
  }
}
