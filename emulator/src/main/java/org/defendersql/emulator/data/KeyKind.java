package org.defendersql.emulator.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the key in a keyed endpoint's path names, read from the path template's first segment after {@code /api}
 * ({@code /api/files/{key}/...} is a hash): how the service validates it, normalises it for comparison and answers
 * a key it cannot accept (400 with a specific code, an empty collection, or 404).
 */
public enum KeyKind {
  /** A file hash (SHA-1 or SHA-256): case-insensitive hex; malformed is 400 {@code InvalidHashValue}. */
  HASH("files", "InvalidHashValue"),
  /** A bare account name: case-insensitive; a UPN or {@code domain\account} matches nothing (200, empty). */
  ACCOUNT("users", null),
  /** An IPv4 or IPv6 address; malformed is 400 {@code InvalidIpAddress}. */
  IP("ips", "InvalidIpAddress"),
  /** A DNS domain name, case-insensitive; malformed is 400 {@code InvalidDomainName}. */
  DOMAIN("domains", "InvalidDomainName"),
  /** A machine id (or its DNS name, as the service also accepts); unknown is 404. */
  MACHINE("machines", null),
  /** An alert id; unknown is 404. */
  ALERT("alerts", null),
  /** A CVE id (vulnerability management), upper case in the data; unknown is 404. */
  CVE("vulnerabilities", null),
  /** A software product id, {@code vendor-_-name}; unknown is 404. */
  PRODUCT("software", null),
  /** A security recommendation id; unknown is 404. */
  RECOMMENDATION("recommendations", null),
  /** A remediation activity id (a GUID); unknown is 404. */
  REMEDIATION_TASK("remediationtasks", null);

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TLD = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]|[a-z]{2,}");

  private final String segment;
  private final String invalidCode;

  KeyKind(String segment, String invalidCode) {
    this.segment = segment;
    this.invalidCode = invalidCode;
  }

  /** The kind of key of a path template such as {@code /api/files/{key}/alerts}. */
  public static KeyKind of(String pathTemplate) {
    final String[] segments = pathTemplate.split("/");
    if (segments.length < 4 || !segments[1].equals("api")) {
      throw new IllegalArgumentException("not a keyed API path: " + pathTemplate);
    }
    for (KeyKind k : values()) {
      if (k.segment.equalsIgnoreCase(segments[2])) {
        return k;
      }
    }
    throw new IllegalArgumentException("the emulator does not know the keys of " + pathTemplate);
  }

  /** The 400 error code for a malformed key, or null when the service answers such a key otherwise. */
  public String invalidCode() {
    return invalidCode;
  }

  /** The message of the 400 answer to a malformed key. */
  String invalidMessage(String key, String expected) {
    return switch (this) {
      case HASH -> "Hash value '" + key + "' is not valid: expected " + expected + ".";
      case IP -> "'" + key + "' is not a valid IP address.";
      case DOMAIN -> "'" + key + "' is not a valid domain name.";
      default -> "'" + key + "' is not valid.";
    };
  }

  /**
   * The key as the tenant's data is compared with it (lower case, canonical IP form), or null when it is
   * malformed beyond what the path's key pattern already checked.
   */
  String normalize(String key) {
    return switch (this) {
      case HASH, ACCOUNT, MACHINE, PRODUCT, RECOMMENDATION, REMEDIATION_TASK -> key.toLowerCase(Locale.ROOT);
      case CVE -> key.toUpperCase(Locale.ROOT);
      case ALERT -> key;
      case IP -> canonicalIp(key);
      case DOMAIN -> domain(key);
    };
  }

  private static String domain(String key) {
    final String d = key.toLowerCase(Locale.ROOT);
    if (d.length() > 253 || d.startsWith(".") || d.endsWith(".") || d.contains("..")) {
      return null;
    }
    final String[] labels = d.split("\\.");
    if (labels.length < 2) {
      return null;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return null;
      }
    }
    return TLD.matcher(labels[labels.length - 1]).matches() ? d : null;
  }

  /** An IPv4 address as dotted decimal, an IPv6 one as eight lower-case, unpadded groups; null if invalid. */
  static String canonicalIp(String s) {
    if (s.indexOf(':') < 0) {
      final int[] v4 = ipv4(s);
      return v4 == null ? null : v4[0] + "." + v4[1] + "." + v4[2] + "." + v4[3];
    }
    final int[] groups = ipv6(s.toLowerCase(Locale.ROOT));
    if (groups == null) {
      return null;
    }
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      b.append(i == 0 ? "" : ":").append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  private static int[] ipv4(String s) {
    final String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    final int[] v = new int[4];
    for (int i = 0; i < 4; i++) {
      final String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      v[i] = Integer.parseInt(p);
      if (v[i] > 255) {
        return null;
      }
    }
    return v;
  }

  private static int[] ipv6(String s) {
    final int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    final java.util.List<Integer> head = new java.util.ArrayList<>();
    final java.util.List<Integer> tail = new java.util.ArrayList<>();
    if (gap < 0) {
      if (!groups(s, head, true)) {
        return null;
      }
    } else if (!groups(s.substring(0, gap), head, false) || !groups(s.substring(gap + 2), tail, true)) {
      return null;
    }
    final int n = head.size() + tail.size();
    if (gap < 0 ? n != 8 : n > 7) {
      return null;
    }
    final int[] g = new int[8];
    for (int i = 0; i < head.size(); i++) {
      g[i] = head.get(i);
    }
    for (int i = 0; i < tail.size(); i++) {
      g[8 - tail.size() + i] = tail.get(i);
    }
    return g;
  }

  /** Parses colon-separated hex groups (an IPv4 tail allowed last); false if malformed. */
  private static boolean groups(String s, java.util.List<Integer> out, boolean last) {
    if (s.isEmpty()) {
      return true;
    }
    final String[] parts = s.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      final String p = parts[i];
      if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
        final int[] v4 = ipv4(p);
        if (v4 == null) {
          return false;
        }
        out.add(v4[0] << 8 | v4[1]);
        out.add(v4[2] << 8 | v4[3]);
        continue;
      }
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return false;
      }
      out.add(Integer.parseInt(p, 16));
    }
    return true;
  }
}
