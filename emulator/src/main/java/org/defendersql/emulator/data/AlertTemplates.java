package org.defendersql.emulator.data;

import static org.defendersql.emulator.data.AlertTemplate.EvidenceKind.FILE;
import static org.defendersql.emulator.data.AlertTemplate.EvidenceKind.IP;
import static org.defendersql.emulator.data.AlertTemplate.EvidenceKind.PROCESS;
import static org.defendersql.emulator.data.AlertTemplate.EvidenceKind.REGISTRY;
import static org.defendersql.emulator.data.AlertTemplate.EvidenceKind.URL;
import static org.defendersql.emulator.data.AlertTemplate.EvidenceKind.USER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.data.AlertTemplate.EvidenceKind;
import org.defendersql.emulator.data.AlertTemplate.Platform;
import org.defendersql.emulator.data.ThreatFamily.Kind;

/**
 * The detectors of the emulated tenant, modelled on real Defender alert titles, and how often each detection
 * source raises alerts (EDR most, then antivirus, then custom detections, automated investigation, Office,
 * SmartScreen, custom indicators and Defender Experts).
 */
final class AlertTemplates {
  private AlertTemplates() {
  }

  /** Relative alert volume per detection source. */
  static final Map<String, Double> SOURCE_WEIGHTS = Map.of("WindowsDefenderAtp", 45.0, "WindowsDefenderAv", 25.0,
      "CustomDetection", 8.0, "AutomatedInvestigation", 6.0, "OfficeATP", 5.0, "WindowsDefenderSmartScreen", 5.0,
      "CustomerTI", 4.0, "ThreatExperts", 2.0);

  static final List<AlertTemplate> ALL = List.of(
      edr("Suspicious PowerShell command line", "Execution", List.of("T1059.001", "T1027"),
          "A suspicious PowerShell command line ran on {host} under the account {user}. Attackers use encoded "
              + "PowerShell commands to download and run payloads while avoiding detection.",
          List.of(PROCESS, USER), Platform.WINDOWS),
      edr("Suspicious process injection observed", "DefenseEvasion", List.of("T1055", "T1055.002"),
          "A process on {host} injected code into another process. Malware injects code into legitimate "
              + "processes to hide its activity.", List.of(PROCESS, FILE, USER), Platform.WINDOWS),
      edr("Suspicious access to LSASS service", "CredentialAccess", List.of("T1003", "T1003.001"),
          "A process on {host} read the memory of the LSASS process. Attackers dump LSASS memory to steal "
              + "credentials of accounts such as {user}.", List.of(PROCESS, USER), Platform.WINDOWS),
      edr("Anomaly detected in ASEP registry", "Persistence", List.of("T1547", "T1547.001"),
          "A process on {host} registered a program to start automatically with Windows, a common way for "
              + "malware to survive reboots.", List.of(REGISTRY, PROCESS, FILE), Platform.WINDOWS),
      edr("Suspicious scheduled task", "Persistence", List.of("T1053", "T1053.005"),
          "A scheduled task that runs {file} was created on {host}.", List.of(PROCESS, FILE), Platform.WINDOWS),
      edr("Suspicious service registration", "PrivilegeEscalation", List.of("T1543", "T1543.003"),
          "A new service pointing to {file} was registered on {host} by {user}.",
          List.of(PROCESS, REGISTRY, USER), Platform.WINDOWS),
      edr("Suspicious sequence of exploration activities", "Discovery", List.of("T1087", "T1087.002", "T1069"),
          "A process on {host} ran several discovery commands in a short time, as attackers do to map a "
              + "network after gaining a foothold.", List.of(PROCESS, USER), Platform.WINDOWS),
      edr("Suspicious remote activity", "LateralMovement", List.of("T1021", "T1021.002", "T1570"),
          "{host} received a suspicious remote connection that created a process using the account {user}.",
          List.of(PROCESS, IP, USER), Platform.WINDOWS),
      edr("Connection to a known command and control server", "CommandAndControl", List.of("T1071", "T1071.001"),
          "A process on {host} connected to an address associated with a command and control server.",
          List.of(IP, URL, PROCESS), Platform.ANY),
      edr("Possible exfiltration of archived data", "Exfiltration", List.of("T1560", "T1560.001", "T1041"),
          "Files were compressed into an archive on {host} and sent to an external address.",
          List.of(FILE, PROCESS, IP), Platform.WINDOWS),
      edr("Ransomware behavior detected in the file system", "Ransomware", List.of("T1486"),
          "A process on {host} encrypted or renamed many files in a way typical of ransomware.",
          List.of(FILE, PROCESS, USER), Platform.WINDOWS),
      edr("Suspicious process launched by Microsoft Office", "Execution", List.of("T1204", "T1204.002", "T1566.001"),
          "An Office application on {host} started a suspicious child process, often the result of a malicious "
              + "macro in a document opened by {user}.", List.of(PROCESS, FILE, USER), Platform.WINDOWS),
      edr("System recovery setting tampering", "Impact", List.of("T1490"),
          "Shadow copies or recovery settings were deleted on {host}, which ransomware does before encrypting.",
          List.of(PROCESS), Platform.WINDOWS),
      edr("Use of living-off-the-land binary to run malicious code", "DefenseEvasion",
          List.of("T1218", "T1218.011"), "A signed Windows binary on {host} was used to run code from {file}.",
          List.of(PROCESS, FILE), Platform.WINDOWS),
      edr("Suspicious file dropped and launched", "Execution", List.of("T1105", "T1204.002"),
          "The file {file} was downloaded to {host} and run shortly after.", List.of(FILE, PROCESS, URL),
          Platform.WINDOWS),
      edr("Suspicious shell command execution", "Execution", List.of("T1059", "T1059.004"),
          "A shell on {host} ran a command that downloads and runs a script.", List.of(PROCESS, URL),
          Platform.UNIX),
      edr("Suspicious file permission modification", "DefenseEvasion", List.of("T1222", "T1222.002"),
          "A process on {host} made {file} executable right after downloading it.", List.of(PROCESS, FILE),
          Platform.UNIX),
      av("'{family}' malware was detected", "Malware", Kind.MALWARE, List.of()),
      av("'{family}' malware was prevented", "Malware", Kind.MALWARE, List.of()),
      av("'{family}' unwanted software was detected", "UnwantedSoftware", Kind.UNWANTED, List.of()),
      av("'{family}' ransomware was prevented", "Ransomware", Kind.RANSOMWARE, List.of("T1486")),
      av("'{family}' hacktool was prevented", "Malware", Kind.HACKTOOL, List.of("T1003")),
      of("Automated investigation started manually", "SuspiciousActivity", "AutomatedInvestigation", List.of(),
          "An analyst started an automated investigation on {host}.", List.of(FILE), Platform.WINDOWS, null),
      of("Malicious file remediated by automated investigation", "Malware", "AutomatedInvestigation", List.of(),
          "Automated investigation found {file} on {host} to be malicious and quarantined it.", List.of(FILE),
          Platform.WINDOWS, null),
      of("Encoded PowerShell spawned by Office application", "Execution", "CustomDetection",
          List.of("T1059.001", "T1204.002"), "Custom detection rule: Office child process running encoded "
              + "PowerShell on {host}.", List.of(PROCESS, USER), Platform.WINDOWS, null),
      of("New local administrator added", "Persistence", "CustomDetection", List.of("T1136", "T1136.001"),
          "Custom detection rule: {user} was added to the local Administrators group on {host}.",
          List.of(USER, PROCESS), Platform.WINDOWS, null),
      of("Rare outbound connection to TOR exit node", "CommandAndControl", "CustomDetection",
          List.of("T1090", "T1090.003"), "Custom detection rule: {host} connected to a known TOR exit node.",
          List.of(IP, PROCESS), Platform.ANY, null),
      of("Email messages containing malicious file removed after delivery", "InitialAccess", "OfficeATP",
          List.of("T1566", "T1566.001"), "Emails with the malicious attachment {file} were delivered to {user} "
              + "and later removed by zero-hour auto purge.", List.of(FILE, USER), Platform.NONE, null),
      of("Email messages containing malicious URL removed after delivery", "InitialAccess", "OfficeATP",
          List.of("T1566", "T1566.002"), "Emails with a malicious URL were delivered to {user} and later removed.",
          List.of(URL, USER), Platform.NONE, null),
      of("A potentially malicious URL click was detected", "InitialAccess", "OfficeATP", List.of("T1566.002"),
          "{user} clicked a link in an email that was later found to be malicious.", List.of(URL, USER),
          Platform.NONE, null),
      of("Phishing website was blocked by SmartScreen", "InitialAccess", "WindowsDefenderSmartScreen",
          List.of("T1566.002"), "SmartScreen blocked a phishing site opened by {user} on {host}.", List.of(URL),
          Platform.WINDOWS, null),
      of("Malicious file download was blocked by SmartScreen", "Malware", "WindowsDefenderSmartScreen",
          List.of("T1105"), "SmartScreen blocked the download of {file} on {host}.", List.of(URL, FILE),
          Platform.WINDOWS, null),
      of("Connection to a custom network indicator", "CommandAndControl", "CustomerTI", List.of("T1071"),
          "{host} connected to an address listed in your organization's custom indicators.", List.of(IP, URL),
          Platform.ANY, null),
      of("A file matching a custom indicator was detected", "Malware", "CustomerTI", List.of(),
          "{file} on {host} matches a file hash in your organization's custom indicators.", List.of(FILE),
          Platform.ANY, null),
      of("Defender Experts: suspicious hands-on-keyboard activity", "SuspiciousActivity", "ThreatExperts",
          List.of("T1059", "T1078"), "Microsoft Defender Experts observed interactive attacker activity on "
              + "{host} using the account {user}.", List.of(PROCESS, USER), Platform.ANY, null),
      of("Defender Experts: possible human-operated ransomware", "Ransomware", "ThreatExperts",
          List.of("T1486", "T1490"), "Microsoft Defender Experts observed activity on {host} that precedes "
              + "human-operated ransomware attacks.", List.of(FILE, PROCESS), Platform.WINDOWS, null));

  private static AlertTemplate edr(String title, String category, List<String> techniques, String description,
      List<EvidenceKind> evidence, Platform platform) {
    return of(title, category, "WindowsDefenderAtp", techniques, description, evidence, platform, null);
  }

  private static AlertTemplate av(String title, String category, Kind family, List<String> techniques) {
    return of(title, category, "WindowsDefenderAv", techniques, "Microsoft Defender Antivirus detected "
        + "'{family}' in {file} on {host}. The threat was found in a file the account {user} created or opened.",
        List.of(FILE), Platform.ANY, family);
  }

  private static AlertTemplate of(String title, String category, String source, List<String> techniques,
      String description, List<EvidenceKind> evidence, Platform platform, Kind family) {
    return new AlertTemplate(title, category, source, techniques, description, evidence, platform, family);
  }

  /** The templates that fire on a device (null: no device), with weights giving each source its volume. */
  static Weighted<AlertTemplate> forDevice(MachineFacts machine) {
    final List<AlertTemplate> fit = new ArrayList<>();
    for (AlertTemplate t : ALL) {
      if (t.platform().fits(machine)) {
        fit.add(t);
      }
    }
    final double[] weights = new double[fit.size()];
    for (int i = 0; i < weights.length; i++) {
      final String source = fit.get(i).detectionSource();
      final long sameSource = fit.stream().filter(t -> t.detectionSource().equals(source)).count();
      weights[i] = SOURCE_WEIGHTS.get(source) / sameSource;
    }
    return new Weighted<>(fit, weights);
  }

  /** Items with relative weights. */
  record Weighted<T>(List<T> items, double[] weights, double total) {
    Weighted(List<T> items, double[] weights) {
      this(items, weights, Rng.total(weights));
    }

    /** As {@link Rng#weighted(List, double[])}, with the weights summed once (a tenth of an alert's work). */
    T pick(Rng r) {
      return r.weighted(items, weights, total);
    }
  }
}
