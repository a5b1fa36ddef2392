package org.defendersql.emulator.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.model.GraphEnums;

/**
 * The Defender API's enum members as Graph writes them: camelCase members of Graph's own enum types, checked
 * against the model's lists ({@link GraphEnums}) so that a value Graph would not send fails the emulator, not a
 * client. Unset classification and determination become {@code unknown}, as Graph writes them.
 */
final class GraphEnumMapping {
  private GraphEnumMapping() {
  }

  /** The Defender API's detection sources whose Graph name is not the camelCase of the same word. */
  private static final Map<String, String> DETECTION_SOURCES = Map.ofEntries(
      Map.entry("WindowsDefenderAtp", "microsoftDefenderForEndpoint"),
      Map.entry("WindowsDefenderAv", "antivirus"),
      Map.entry("WindowsDefenderSmartScreen", "smartScreen"),
      Map.entry("CustomerTI", "customTi"),
      Map.entry("OfficeATP", "microsoftDefenderForOffice365"),
      Map.entry("ThreatExperts", "microsoftThreatExperts"),
      Map.entry("AzureATP", "microsoftDefenderForIdentity"),
      Map.entry("MCAS", "cloudAppSecurity"),
      Map.entry("MTP", "microsoft365Defender"),
      Map.entry("AAD", "azureAdIdentityProtection"),
      Map.entry("DLP", "microsoftDataLossPrevention"),
      Map.entry("AppGPolicy", "appGovernancePolicy"),
      Map.entry("AppGDetection", "appGovernanceDetection"),
      Map.entry("MDC", "microsoftDefenderForCloud"));

  /** The products whose alerts the MDE API lists besides its own, by detection source. */
  private static final Map<String, String> SERVICE_SOURCES = Map.of(
      "OfficeATP", "microsoftDefenderForOffice365",
      "AzureATP", "microsoftDefenderForIdentity",
      "MCAS", "microsoftDefenderForCloudApps",
      "MTP", "microsoft365Defender",
      "AAD", "azureAdIdentityProtection",
      "DLP", "dataLossPrevention",
      "MDC", "microsoftDefenderForCloud");

  static String severity(String mde) {
    return member(GraphEnums.ALERT_SEVERITY, mde == null || mde.equals("UnSpecified") ? "unknown" : camel(mde));
  }

  static String alertStatus(String mde) {
    final String s = mde == null ? "Unknown" : mde;
    return member(GraphEnums.ALERT_STATUS, switch (s) {
      case "New", "InProgress", "Resolved" -> camel(s);
      default -> "unknown";
    });
  }

  static String classification(String mde) {
    return member(GraphEnums.ALERT_CLASSIFICATION, mde == null ? "unknown" : camel(mde));
  }

  static String determination(String mde) {
    final String d = mde == null || mde.equals("NotAvailable") ? "unknown"
        // The Defender API's member is misspelt; Graph's is not.
        : mde.equals("NoEnoughDataToValidate") ? "notEnoughDataToValidate" : camel(mde);
    return member(GraphEnums.ALERT_DETERMINATION, d);
  }

  static String detectionSource(String mde) {
    if (mde == null) {
      return "unknown";
    }
    String g = DETECTION_SOURCES.get(mde);
    if (g == null && mde.startsWith("DefenderFor")) {
      g = "microsoft" + mde;
    }
    if (g == null) {
      g = camel(mde);
    }
    return GraphEnums.DETECTION_SOURCE.contains(g) ? g : "unknown";
  }

  /** The product that raised an alert the MDE API lists: Defender for Endpoint unless its source says otherwise. */
  static String serviceSource(String mdeDetectionSource) {
    return member(GraphEnums.SERVICE_SOURCE, SERVICE_SOURCES.getOrDefault(String.valueOf(mdeDetectionSource),
        "microsoftDefenderForEndpoint"));
  }

  static String healthStatus(String mde) {
    return mde == null ? null : member(GraphEnums.DEVICE_HEALTH_STATUS, camel(mde));
  }

  static String riskScore(String mde) {
    return mde == null ? null : member(GraphEnums.DEVICE_RISK_SCORE, camel(mde));
  }

  /** {@code InProgress} to {@code inProgress}. */
  static String camel(String pascal) {
    return pascal.isEmpty() ? pascal : pascal.substring(0, 1).toLowerCase(Locale.ROOT) + pascal.substring(1);
  }

  /** The value, which must be a member of Graph's enum type. */
  private static String member(List<String> members, String value) {
    if (!members.contains(value)) {
      throw new IllegalStateException("'" + value + "' is not a member of Graph's enum " + members);
    }
    return value;
  }
}
