package org.defendersql.emulator.kql;

/**
 * The string operators: substring tests with or without case ({@code contains}, {@code startswith},
 * {@code endswith} and their {@code _cs} forms) and the term operators ({@code has}, {@code hasprefix},
 * {@code hassuffix}), where a term is a maximal run of letters and digits: {@code "KustoExplorerQueryRun" has
 * "Explorer"} is false, {@code "North America" has "america"} is true.
 */
final class StringOps {
  private StringOps() {
  }

  static boolean contains(String s, String t, boolean cs) {
    return indexOf(s, t, 0, cs) >= 0;
  }

  static boolean startsWith(String s, String t, boolean cs) {
    return s.regionMatches(!cs, 0, t, 0, t.length());
  }

  static boolean endsWith(String s, String t, boolean cs) {
    return s.length() >= t.length() && s.regionMatches(!cs, s.length() - t.length(), t, 0, t.length());
  }

  /**
   * Whether {@code t} occurs in {@code s} on term boundaries: where {@code t} begins with a letter or digit the
   * character before must not be one, and likewise after its end ({@code prefix}: only the start is checked,
   * {@code suffix}: only the end).
   */
  static boolean has(String s, String t, boolean cs, boolean checkStart, boolean checkEnd) {
    if (t.isEmpty()) {
      return true;
    }
    final boolean startsAlnum = Character.isLetterOrDigit(t.charAt(0));
    final boolean endsAlnum = Character.isLetterOrDigit(t.charAt(t.length() - 1));
    int from = 0;
    while (true) {
      final int at = indexOf(s, t, from, cs);
      if (at < 0) {
        return false;
      }
      final int end = at + t.length();
      final boolean startOk = !checkStart || !startsAlnum || at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1));
      final boolean endOk = !checkEnd || !endsAlnum || end == s.length() || !Character.isLetterOrDigit(s.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      from = at + 1;
    }
  }

  static int indexOf(String s, String t, int from, boolean cs) {
    if (cs) {
      return s.indexOf(t, from);
    }
    for (int i = from; i + t.length() <= s.length(); i++) {
      if (s.regionMatches(true, i, t, 0, t.length())) {
        return i;
      }
    }
    return -1;
  }
}
