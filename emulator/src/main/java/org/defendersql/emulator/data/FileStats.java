package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.List;

/**
 * A file's prevalence in the organisation ({@code GET /api/files/{sha1}/stats}): on how many distinct machines
 * alerts' evidence named it within the look-back window, when first and last (whole seconds), and under which
 * names, most frequent first. The global figures are the file's own properties.
 */
public record FileStats(int organizationPrevalence, Instant orgFirstSeen, Instant orgLastSeen,
    List<String> topFileNames) {
  /** The service's default and largest look-back: 30 days. */
  public static final int DEFAULT_LOOK_BACK_HOURS = 720;
  static final FileStats NONE = new FileStats(0, null, null, List.of());

  public FileStats {
    topFileNames = List.copyOf(topFileNames);
  }
}
