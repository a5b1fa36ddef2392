package org.defendersql.emulator.data;

import java.util.List;

/**
 * A threat family as Microsoft Defender Antivirus names it: the family ({@code threatFamilyName}) and the full
 * detection name ({@code threatName}).
 */
record ThreatFamily(String name, String threatName, Kind kind) {

  /** What an antivirus alert about the family calls it. */
  enum Kind {
    MALWARE, UNWANTED, RANSOMWARE, HACKTOOL
  }

  static final List<ThreatFamily> ALL = List.of(
      new ThreatFamily("Emotet", "TrojanDownloader:O97M/Emotet.PDSK!MTB", Kind.MALWARE),
      new ThreatFamily("Qakbot", "Trojan:Win32/Qakbot.PA!MTB", Kind.MALWARE),
      new ThreatFamily("Wacatac", "Trojan:Win32/Wacatac.B!ml", Kind.MALWARE),
      new ThreatFamily("AgentTesla", "Trojan:MSIL/AgentTesla.ABK!MTB", Kind.MALWARE),
      new ThreatFamily("IcedID", "Trojan:Win64/IcedID.MK!MTB", Kind.MALWARE),
      new ThreatFamily("Formbook", "Trojan:Win32/Formbook.RPX!MTB", Kind.MALWARE),
      new ThreatFamily("CobaltStrike", "Backdoor:Win64/CobaltStrike.NP!dha", Kind.MALWARE),
      new ThreatFamily("Lokibot", "Trojan:Win32/Lokibot.RV!MTB", Kind.MALWARE),
      new ThreatFamily("Mirai", "Backdoor:Linux/Mirai.B", Kind.MALWARE),
      new ThreatFamily("Presenoker", "PUA:Win32/Presenoker", Kind.UNWANTED),
      new ThreatFamily("Prepscram", "SoftwareBundler:Win32/Prepscram", Kind.UNWANTED),
      new ThreatFamily("Softcnapp", "PUA:Win32/Softcnapp", Kind.UNWANTED),
      new ThreatFamily("CoinMiner", "PUA:Win32/CoinMiner", Kind.UNWANTED),
      new ThreatFamily("LockBit", "Ransom:Win32/LockBit.PA!MTB", Kind.RANSOMWARE),
      new ThreatFamily("BlackCat", "Ransom:Win64/BlackCat.MA!MTB", Kind.RANSOMWARE),
      new ThreatFamily("Conti", "Ransom:Win32/Conti.ZA", Kind.RANSOMWARE),
      new ThreatFamily("Mimikatz", "HackTool:Win32/Mimikatz.D", Kind.HACKTOOL),
      new ThreatFamily("PsExec", "HackTool:Win32/RemoteAdmin!MSR", Kind.HACKTOOL),
      new ThreatFamily("Rubeus", "HackTool:MSIL/Rubeus!MTB", Kind.HACKTOOL));

  static List<ThreatFamily> of(Kind kind) {
    return ALL.stream().filter(f -> f.kind == kind).toList();
  }
}
