package org.defendersql.model;

import java.util.List;

/**
 * The members of the Graph security API's enum types ({@code microsoft.graph.security}), in camelCase as Graph
 * writes them in answers and takes them in {@code $filter}, unlike the MDE API's PascalCase.
 */
public final class GraphEnums {
  private GraphEnums() {
  }

  public static final List<String> ALERT_SEVERITY =
      List.of("unknown", "informational", "low", "medium", "high", "unknownFutureValue");
  public static final List<String> ALERT_STATUS =
      List.of("unknown", "new", "inProgress", "resolved", "unknownFutureValue");
  public static final List<String> ALERT_CLASSIFICATION = List.of("unknown", "falsePositive", "truePositive",
      "informationalExpectedActivity", "unknownFutureValue");
  public static final List<String> ALERT_DETERMINATION = List.of("unknown", "apt", "malware", "securityPersonnel",
      "securityTesting", "unwantedSoftware", "other", "multiStagedAttack", "compromisedAccount", "phishing",
      "maliciousUserActivity", "notMalicious", "notEnoughDataToValidate", "confirmedActivity",
      "lineOfBusinessApplication", "unknownFutureValue");
  public static final List<String> SERVICE_SOURCE = List.of("unknown", "microsoftDefenderForEndpoint",
      "microsoftDefenderForIdentity", "microsoftDefenderForCloudApps", "microsoftDefenderForOffice365",
      "microsoft365Defender", "azureAdIdentityProtection", "microsoftAppGovernance", "dataLossPrevention",
      "unknownFutureValue", "microsoftDefenderForCloud");
  public static final List<String> DETECTION_SOURCE = List.of("unknown", "microsoftDefenderForEndpoint",
      "antivirus", "smartScreen", "customTi", "microsoftDefenderForOffice365", "automatedInvestigation",
      "microsoftThreatExperts", "customDetection", "microsoftDefenderForIdentity", "cloudAppSecurity",
      "microsoft365Defender", "azureAdIdentityProtection", "manual", "microsoftDataLossPrevention",
      "appGovernancePolicy", "appGovernanceDetection", "unknownFutureValue", "microsoftDefenderForCloud",
      "microsoftDefenderForIoT", "microsoftDefenderForServers", "microsoftDefenderForStorage",
      "microsoftDefenderForDNS", "microsoftDefenderForDatabases", "microsoftDefenderForContainers",
      "microsoftDefenderForNetwork", "microsoftDefenderForAppService", "microsoftDefenderForKeyVault",
      "microsoftDefenderForResourceManager", "microsoftDefenderForApiManagement");
  public static final List<String> INCIDENT_STATUS =
      List.of("active", "resolved", "inProgress", "redirected", "unknownFutureValue", "awaitingAction");
  public static final List<String> EVIDENCE_VERDICT =
      List.of("unknown", "suspicious", "malicious", "noThreatsFound", "unknownFutureValue");
  public static final List<String> EVIDENCE_REMEDIATION_STATUS =
      List.of("none", "remediated", "prevented", "blocked", "notFound", "unknownFutureValue");
  public static final List<String> DEVICE_HEALTH_STATUS = List.of("active", "inactive", "impairedCommunication",
      "noSensorData", "noSensorDataImpairedCommunication", "unknown", "unknownFutureValue");
  public static final List<String> DEVICE_RISK_SCORE =
      List.of("none", "informational", "low", "medium", "high", "unknownFutureValue");
}
