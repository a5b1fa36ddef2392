package org.defendersql.emulator.data;

import java.util.List;

/**
 * The kind of alert a detector raises: its title, category, detection source, MITRE techniques, description and
 * which evidence it carries. {@code {family}}, {@code {host}}, {@code {user}} and {@code {file}} in title and
 * description are filled per alert.
 *
 * @param platform which devices it fires on
 * @param family   which threat families fill {@code {family}}, or null when the alert names none
 */
record AlertTemplate(String title, String category, String detectionSource, List<String> techniques,
    String description, List<EvidenceKind> evidence, Platform platform, ThreatFamily.Kind family) {

  /** Which devices a detector fires on. */
  enum Platform {
    WINDOWS, UNIX, ANY, NONE;

    boolean fits(MachineFacts m) {
      return switch (this) {
        case ANY -> m != null;
        case WINDOWS -> m != null && m.windows();
        case UNIX -> m != null && !m.windows();
        case NONE -> m == null;
      };
    }
  }

  /** A kind of evidence item. */
  enum EvidenceKind {
    FILE, PROCESS, USER, IP, URL, REGISTRY
  }
}
