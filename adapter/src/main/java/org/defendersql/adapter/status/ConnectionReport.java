package org.defendersql.adapter.status;

import java.util.List;
import java.util.Locale;

/** The outcome of a connection test: one check per line, and whether all passed. */
public record ConnectionReport(String target, List<PermissionCheck> checks) {
  public ConnectionReport {
    checks = List.copyOf(checks);
  }

  public boolean ok() {
    return checks.stream().allMatch(PermissionCheck::ok);
  }

  /** The report as an administrator reads it: a line per check, the detail and fix of failures, a verdict. */
  public String format() {
    final StringBuilder b = new StringBuilder("Testing the connection to ").append(target).append('\n');
    for (PermissionCheck c : checks) {
      final String what = c.permission() == null ? c.area() : c.permission() + " (" + c.area() + ")";
      b.append(String.format(Locale.ROOT, "  %-11s %-32s %s%n", c.status().name().replace('_', ' '), what,
          c.probe()));
      if (!c.ok()) {
        // Messages end with their fix, which gets a line of its own here.
        final String detail = c.fix() != null && c.detail().endsWith(c.fix())
            ? c.detail().substring(0, c.detail().length() - c.fix().length()).trim() : c.detail();
        b.append("              ").append(detail).append('\n');
        if (c.fix() != null) {
          b.append("              Fix: ").append(c.fix()).append('\n');
        }
      }
    }
    final long failed = checks.stream().filter(c -> !c.ok()).count();
    b.append(failed == 0 ? "Verdict: OK, every check passed." : "Verdict: FAILED, " + failed + " of " + checks.size()
        + " checks did not pass.").append('\n');
    return b.toString();
  }
}
