package org.defendersql.model.hunting;

import java.util.HashMap;
import java.util.Map;

/**
 * The descriptions of the columns several hunting tables share (device, file, account and initiating-process
 * columns), paraphrasing Microsoft's schema reference. A table that means something else by a name gives its own.
 */
final class Descriptions {
  private Descriptions() {
  }

  private static final Map<String, String> SHARED = new HashMap<>();

  private static void put(String name, String description) {
    SHARED.put(name, description);
  }

  static {
    put("Timestamp", "Date and time when the event was recorded");
    put("DeviceId", "Unique identifier of the device in the service");
    put("DeviceName", "Fully qualified domain name (FQDN) of the device");
    put("ActionType", "Type of activity that triggered the event");
    put("FileName", "Name of the file that the recorded action was applied to");
    put("FolderPath", "Folder containing the file that the recorded action was applied to");
    put("SHA1", "SHA-1 of the file that the recorded action was applied to");
    put("SHA256", "SHA-256 of the file that the recorded action was applied to; often empty, SHA1 is reliable");
    put("MD5", "MD5 hash of the file that the recorded action was applied to");
    put("FileSize", "Size of the file in bytes");
    put("ReportId", "Event identifier from a repeating counter; unique only together with DeviceName and Timestamp");
    put("AppGuardContainerId", "Identifier of the Application Guard container that isolated browser activity");
    put("AdditionalFields", "Additional information about the event, as JSON text");
    put("AccountDomain", "Domain of the account");
    put("AccountName", "User name of the account");
    put("AccountSid", "Security identifier (SID) of the account");
    put("AccountUpn", "User principal name (UPN) of the account");
    put("AccountObjectId", "Unique identifier of the account in Microsoft Entra ID");
    put("LogonId", "Identifier of a logon session, unique on the device only between restarts");
    put("RemoteIP", "IP address that was being connected to");
    put("RemotePort", "TCP port on the remote device that was being connected to");
    put("RemoteUrl", "URL or fully qualified domain name (FQDN) that was being connected to");
    put("RemoteIPType", "Type of the remote IP address: Public, Private, Reserved, Loopback, Teredo, ...");
    put("LocalIP", "IP address of the local device used during the communication");
    put("Protocol", "Protocol used during the communication");
    put("InitiatingProcessAccountDomain", "Domain of the account that ran the process responsible for the event");
    put("InitiatingProcessAccountName", "User name of the account that ran the process responsible for the event");
    put("InitiatingProcessAccountSid", "SID of the account that ran the process responsible for the event");
    put("InitiatingProcessAccountUpn", "UPN of the account that ran the process responsible for the event");
    put("InitiatingProcessAccountObjectId",
        "Microsoft Entra object ID of the account that ran the process responsible for the event");
    put("InitiatingProcessLogonId", "Logon session of the process that initiated the event");
    put("InitiatingProcessIntegrityLevel", "Integrity level of the process that initiated the event");
    put("InitiatingProcessTokenElevation", "UAC token elevation type of the process that initiated the event");
    put("InitiatingProcessSHA1", "SHA-1 of the process (image file) that initiated the event");
    put("InitiatingProcessSHA256", "SHA-256 of the process (image file) that initiated the event; often empty");
    put("InitiatingProcessMD5", "MD5 hash of the process (image file) that initiated the event");
    put("InitiatingProcessFileName", "Name of the process that initiated the event");
    put("InitiatingProcessFileSize", "Size of the image file of the process that initiated the event");
    put("InitiatingProcessVersionInfoCompanyName", "Company name from the version information of the initiating "
        + "process");
    put("InitiatingProcessVersionInfoProductName", "Product name from the version information of the initiating "
        + "process");
    put("InitiatingProcessVersionInfoProductVersion", "Product version from the version information of the "
        + "initiating process");
    put("InitiatingProcessVersionInfoInternalFileName", "Internal file name from the version information of the "
        + "initiating process");
    put("InitiatingProcessVersionInfoOriginalFileName", "Original file name from the version information of the "
        + "initiating process");
    put("InitiatingProcessVersionInfoFileDescription", "Description from the version information of the "
        + "initiating process");
    put("InitiatingProcessId", "Process ID (PID) of the process that initiated the event");
    put("InitiatingProcessCommandLine", "Command line of the process that initiated the event");
    put("InitiatingProcessCreationTime", "When the process that initiated the event was started");
    put("InitiatingProcessFolderPath", "Folder of the image file of the process that initiated the event");
    put("InitiatingProcessParentId", "PID of the parent of the process that initiated the event");
    put("InitiatingProcessParentFileName", "Name of the parent of the process that initiated the event");
    put("InitiatingProcessParentCreationTime", "When the parent of the process that initiated the event was started");
    put("InitiatingProcessSignerType", "Type of signer of the image file of the process that initiated the event");
    put("InitiatingProcessSignatureStatus", "Signature status of the image file of the process that initiated the "
        + "event");
    put("InitiatingProcessSessionId", "Windows session ID of the initiating process");
    put("IsInitiatingProcessRemoteSession", "Whether the initiating process ran in a remote desktop (RDP) session");
    put("InitiatingProcessRemoteSessionDeviceName", "Name of the device the initiating process's RDP session came "
        + "from");
    put("InitiatingProcessRemoteSessionIP", "IP address of the device the initiating process's RDP session came from");
    put("OSPlatform", "Platform of the operating system running on the device, such as Windows11 or Linux");
    put("OSVersion", "Version of the operating system running on the device");
    put("OSArchitecture", "Architecture of the operating system running on the device");
    put("SoftwareVendor", "Name of the software vendor");
    put("SoftwareName", "Name of the software product");
    put("SoftwareVersion", "Version number of the software product");
    put("AlertId", "Unique identifier of the alert");
    put("Title", "Title of the alert");
    put("AttackTechniques", "MITRE ATT&CK techniques associated with the activity that triggered the alert");
    put("ServiceSource", "Product or service that provided the alert information");
    put("DetectionSource", "Detection technology or sensor that identified the notable component or activity");
    put("Severity", "Potential impact of the activity identified by the alert: High, Medium, Low, Informational");
  }

  /** The shared description of a column name; fails for a name no table describes, so none is left blank. */
  static String of(String columnName) {
    final String d = SHARED.get(columnName);
    if (d == null) {
      throw new IllegalStateException("no shared description of hunting column " + columnName);
    }
    return d;
  }
}
