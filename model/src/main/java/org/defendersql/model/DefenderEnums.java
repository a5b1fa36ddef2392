package org.defendersql.model;

import java.util.List;

/**
 * The members of the Defender API's EDM enum types that the modelled entities use, as listed in its
 * {@code $metadata}. Enum values travel as member names and the service compares them case-insensitively.
 */
public final class DefenderEnums {
  private DefenderEnums() {
  }

  public static final List<String> ALERT_SEVERITY =
      List.of("UnSpecified", "Informational", "Low", "Medium", "High");
  public static final List<String> ALERT_STATUS =
      List.of("Unknown", "Unspecified", "New", "InProgress", "Resolved", "Hidden");
  public static final List<String> ALERT_CLASSIFICATION =
      List.of("Unknown", "FalsePositive", "TruePositive", "InformationalExpectedActivity");
  public static final List<String> ALERT_DETERMINATION = List.of("NotAvailable", "Apt", "Malware",
      "SecurityPersonnel", "SecurityTesting", "UnwantedSoftware", "Other", "MultiStagedAttack",
      "CompromisedAccount", "Phishing", "MaliciousUserActivity", "NotMalicious", "NoEnoughDataToValidate",
      "ConfirmedActivity", "LineOfBusinessApplication");
  public static final List<String> INVESTIGATION_STATE = List.of("Unknown", "Terminated",
      "SuccessfullyRemediated", "Benign", "Failed", "PartiallyRemediated", "Running", "PendingApproval",
      "PendingResource", "Disabled", "Queued", "InnerFailure", "PreexistingAlert", "UnsupportedOs",
      "UnsupportedAlertType", "SuppressedAlert", "PartiallyInvestigated", "TerminatedByUser",
      "TerminatedBySystem");
  public static final List<String> DETECTION_SOURCE = List.of("Unknown", "WindowsDefenderAtp",
      "WindowsDefenderAv", "WindowsDefenderSmartScreen", "iSight", "Bitdefender", "CustomerTI", "Ziften",
      "Lookout", "SentinelOne", "ThirdPartySensors", "OfficeATP", "AutomatedInvestigation", "ThreatExperts",
      "CustomDetection", "AzureATP", "MCAS", "MTP", "AAD", "MAPG", "Manual", "DLP", "AppGPolicy",
      "AppGDetection", "MDC", "Compliance", "Forms", "MailFlow", "MSTIC", "Unspecified", "Sentinel", "All",
      "ThirdParty", "DefenderForIoT", "DefenderForServers", "DefenderForStorage", "DefenderForDNS",
      "DefenderForDatabases", "DefenderForContainers", "DefenderForNetwork", "DefenderForAppService",
      "DefenderForKeyVault", "DefenderForResourceManager", "DefenderForApiManagement", "NRTAlerts",
      "ScheduledAlerts", "MicrosoftDefenderThreatIntelligenceAnalytics", "BuiltInML",
      "MicrosoftInsiderRiskManagement", "Nsn", "DefenderForAIServices", "SecurityCopilot");
  public static final List<String> EVIDENCE_ENTITY_TYPE = List.of("Url", "User", "File", "Machine", "Ip",
      "Process", "Mailbox", "MailCluster", "MailMessage", "SecurityGroup", "RegistryKey", "Registry",
      "CommandLine", "CloudApplication", "OAuthApplication");

  public static final List<String> HEALTH_STATUS = List.of("Active", "Inactive", "ImpairedCommunication",
      "NoSensorData", "NoSensorDataImpairedCommunication", "Unknown");
  public static final List<String> ONBOARDING_STATUS =
      List.of("InsufficientInfo", "Onboarded", "CanBeOnboarded", "Unsupported");
  public static final List<String> RISK_SCORE = List.of("None", "Informational", "Low", "Medium", "High");
  public static final List<String> EXPOSURE_LEVEL = List.of("None", "Low", "Medium", "High");
  public static final List<String> DEVICE_VALUE = List.of("Normal", "Low", "High");
  public static final List<String> EXCLUSION_REASON = List.of("Other", "InactiveDevice", "DuplicateDevice",
      "DeviceDoesNotExist", "DeviceOutOfScope");
  public static final List<String> MANAGED_BY =
      List.of("Unknown", "Intune", "SystemCenterConfigurationManager", "MicrosoftDefenderForEndpoint");
  public static final List<String> MANAGED_BY_STATUS = List.of("Unknown", "Success", "Error");
  public static final List<String> VM_CLOUD_PROVIDER = List.of("Unknown", "Azure");
  public static final List<String> INTERFACE_TYPE = List.of("Unknown", "Other", "Ethernet", "TokenRing", "PPP",
      "SoftwareLoopback", "ATM", "IEEE80211", "Tunnel", "IEEE1394");
  public static final List<String> IP_OPERATIONAL_STATUS =
      List.of("Up", "Down", "Testing", "Unknown", "Dormant", "Present", "LowerLayerDown");
}
