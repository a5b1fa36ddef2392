package org.defendersql.model.hunting;

import static org.defendersql.model.hunting.KqlType.BOOL;
import static org.defendersql.model.hunting.KqlType.DATETIME;
import static org.defendersql.model.hunting.KqlType.INT;
import static org.defendersql.model.hunting.KqlType.LONG;
import static org.defendersql.model.hunting.KqlType.STRING;

import java.util.List;

/**
 * The device event tables: process creation, network connections, file events and logons, in Microsoft's column
 * order (which differs between the tables for the initiating-process columns).
 */
final class DeviceEventTables {
  private DeviceEventTables() {
  }

  /** What identifies an event of a device event table, per Microsoft's description of {@code ReportId}. */
  private static final List<String> EVENT_KEY = List.of("DeviceName", "Timestamp", "ReportId");

  static final HuntingTable PROCESS = new HuntingTable("DeviceProcessEvents",
      "A process created on a device, with the process that created it and its account",
      new Cols()
          .add("Timestamp", DATETIME)
          .strings("DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1", "SHA256", "MD5")
          .add("FileSize", LONG)
          .add("ProcessVersionInfoCompanyName", STRING, "Company name from the version information of the new process")
          .add("ProcessVersionInfoProductName", STRING, "Product name from the version information of the new process")
          .add("ProcessVersionInfoProductVersion", STRING, "Product version from the version information of the new "
              + "process")
          .add("ProcessVersionInfoInternalFileName", STRING, "Internal file name from the version information of the "
              + "new process")
          .add("ProcessVersionInfoOriginalFileName", STRING, "Original file name from the version information of the "
              + "new process")
          .add("ProcessVersionInfoFileDescription", STRING, "Description from the version information of the new "
              + "process")
          .add("ProcessId", LONG, "Process ID (PID) of the new process")
          .add("ProcessCommandLine", STRING, "Command line used to create the new process")
          .add("ProcessIntegrityLevel", STRING, "Integrity level of the new process")
          .add("ProcessTokenElevation", STRING, "Token elevation of the new process: TokenElevationTypeLimited, "
              + "TokenElevationTypeDefault or TokenElevationTypeFull")
          .add("ProcessCreationTime", DATETIME, "Date and time the process was created")
          .strings("AccountDomain", "AccountName", "AccountSid", "AccountUpn", "AccountObjectId")
          .add("LogonId", LONG)
          .initiatingAccount()
          .add("InitiatingProcessLogonId", LONG)
          .strings("InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation", "InitiatingProcessSHA1",
              "InitiatingProcessSHA256", "InitiatingProcessMD5", "InitiatingProcessFileName")
          .add("InitiatingProcessFileSize", LONG)
          .initiatingVersionInfo()
          .add("InitiatingProcessId", LONG)
          .add("InitiatingProcessCommandLine", STRING)
          .add("InitiatingProcessCreationTime", DATETIME)
          .add("InitiatingProcessFolderPath", STRING)
          .add("InitiatingProcessParentId", LONG)
          .add("InitiatingProcessParentFileName", STRING)
          .add("InitiatingProcessParentCreationTime", DATETIME)
          .strings("InitiatingProcessSignerType", "InitiatingProcessSignatureStatus")
          .reportColumns()
          .build(),
      "Timestamp", EVENT_KEY);

  static final HuntingTable NETWORK = new HuntingTable("DeviceNetworkEvents",
      "A network connection or related event on a device, with the process that made it",
      new Cols()
          .add("Timestamp", DATETIME)
          .strings("DeviceId", "DeviceName", "ActionType", "RemoteIP")
          .add("RemotePort", INT)
          .add("RemoteUrl", STRING)
          .add("LocalIP", STRING, "Source IP, the address the communication came from")
          .add("LocalPort", INT, "TCP port on the local device used during the communication")
          .add("Protocol", STRING)
          .add("LocalIPType", STRING, "Type of the local IP address: Public, Private, Reserved, Loopback, ...")
          .add("RemoteIPType", STRING)
          .strings("InitiatingProcessSHA1", "InitiatingProcessSHA256", "InitiatingProcessMD5",
              "InitiatingProcessFileName")
          .add("InitiatingProcessFileSize", LONG)
          .initiatingVersionInfo()
          .add("InitiatingProcessId", LONG)
          .add("InitiatingProcessCommandLine", STRING)
          .add("InitiatingProcessCreationTime", DATETIME)
          .add("InitiatingProcessFolderPath", STRING)
          .add("InitiatingProcessParentFileName", STRING)
          .add("InitiatingProcessParentId", LONG)
          .add("InitiatingProcessParentCreationTime", DATETIME)
          .initiatingAccount()
          .strings("InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation")
          .reportColumns()
          .initiatingRemoteSession()
          .build(),
      "Timestamp", EVENT_KEY);

  static final HuntingTable FILE = new HuntingTable("DeviceFileEvents",
      "A file created, modified, renamed or deleted on a device, with the process responsible",
      new Cols()
          .add("Timestamp", DATETIME)
          .strings("DeviceId", "DeviceName", "ActionType", "FileName", "FolderPath", "SHA1", "SHA256", "MD5")
          .add("FileOriginUrl", STRING, "URL the file was downloaded from")
          .add("FileOriginReferrerUrl", STRING, "URL of the web page that links to the downloaded file")
          .add("FileOriginIP", STRING, "IP address the file was downloaded from")
          .add("PreviousFolderPath", STRING, "Folder that held the file before the action")
          .add("PreviousFileName", STRING, "Name of the file before it was renamed")
          .add("FileSize", LONG)
          .initiatingAccount()
          .strings("InitiatingProcessMD5", "InitiatingProcessSHA1", "InitiatingProcessSHA256",
              "InitiatingProcessFolderPath", "InitiatingProcessFileName")
          .add("InitiatingProcessFileSize", LONG)
          .initiatingVersionInfo()
          .add("InitiatingProcessId", LONG)
          .add("InitiatingProcessCommandLine", STRING)
          .add("InitiatingProcessCreationTime", DATETIME)
          .strings("InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation")
          .add("InitiatingProcessParentId", LONG)
          .add("InitiatingProcessParentFileName", STRING)
          .add("InitiatingProcessParentCreationTime", DATETIME)
          .add("RequestProtocol", STRING, "Network protocol that initiated the activity, if any: Unknown, Local, SMB "
              + "or NFS")
          .add("RequestSourceIP", STRING, "IP address of the remote device that initiated the activity")
          .add("RequestSourcePort", INT, "Source port on the remote device that initiated the activity")
          .add("RequestAccountName", STRING, "User name of the account that initiated the activity remotely")
          .add("RequestAccountDomain", STRING, "Domain of the account that initiated the activity remotely")
          .add("RequestAccountSid", STRING, "SID of the account that initiated the activity remotely")
          .add("ShareName", STRING, "Name of the shared folder containing the file")
          .add("SensitivityLabel", STRING, "Information-protection label applied to the file")
          .add("SensitivitySubLabel", STRING, "Information-protection sublabel applied to the file")
          .add("IsAzureInfoProtectionApplied", BOOL, "Whether the file is encrypted by Azure Information Protection")
          .reportColumns()
          .initiatingRemoteSession()
          .build(),
      "Timestamp", EVENT_KEY);

  static final HuntingTable LOGON = new HuntingTable("DeviceLogonEvents",
      "A logon or other authentication event on a device",
      new Cols()
          .add("Timestamp", DATETIME)
          .strings("DeviceId", "DeviceName", "ActionType")
          .add("LogonType", STRING, "Type of logon session: Interactive, RemoteInteractive, Network, Batch, Service, "
              + "...")
          .strings("AccountDomain", "AccountName", "AccountSid", "Protocol")
          .add("FailureReason", STRING, "Why the recorded action failed")
          .add("IsLocalAdmin", BOOL, "Whether the user is a local administrator on the device")
          .add("LogonId", LONG)
          .add("RemoteDeviceName", STRING, "Name of the device that performed the remote operation, FQDN, NetBIOS or "
              + "host name")
          .add("RemoteIP", STRING, "IP address of the device the logon attempt came from")
          .add("RemoteIPType", STRING)
          .add("RemotePort", INT)
          .initiatingAccount()
          .strings("InitiatingProcessIntegrityLevel", "InitiatingProcessTokenElevation", "InitiatingProcessSHA1",
              "InitiatingProcessSHA256", "InitiatingProcessMD5", "InitiatingProcessFileName")
          .add("InitiatingProcessFileSize", LONG)
          .initiatingVersionInfo()
          .add("InitiatingProcessId", LONG)
          .add("InitiatingProcessCommandLine", STRING)
          .add("InitiatingProcessCreationTime", DATETIME)
          .add("InitiatingProcessFolderPath", STRING)
          .add("InitiatingProcessParentId", LONG)
          .add("InitiatingProcessParentFileName", STRING)
          .add("InitiatingProcessParentCreationTime", DATETIME)
          .reportColumns()
          .initiatingRemoteSession()
          .build(),
      "Timestamp", EVENT_KEY);
}
