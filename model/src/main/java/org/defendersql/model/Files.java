package org.defendersql.model;

import static org.defendersql.model.EdmType.BOOLEAN;
import static org.defendersql.model.EdmType.DATE_TIME_OFFSET;
import static org.defendersql.model.EdmType.INT32;
import static org.defendersql.model.EdmType.INT64;
import static org.defendersql.model.EdmType.STRING;
import static org.defendersql.model.EdmType.STRING_COLLECTION;

import java.util.List;

/**
 * The {@code files} table: {@code GET /api/files/{sha1 or sha256}}, one file by hash; there is no list of files.
 * The organisation statistics come from {@code GET /api/files/{sha1}/stats}, read only when a query uses them.
 */
final class Files {
  private Files() {
  }

  static final String SHA1 = "[0-9a-fA-F]{40}";
  static final String SHA256 = "[0-9a-fA-F]{64}";

  static final Entity ENTITY = new Entity("files", "Files", null, "sha1",
      List.of("File.Read.All"), null, 100_000, List.of(
      Column.of("sha1", STRING).notNull(),
      Column.of("sha256", STRING),
      Column.of("md5", STRING),
      Column.of("globalPrevalence", INT64),
      Column.of("globalFirstObserved", DATE_TIME_OFFSET),
      Column.of("globalLastObserved", DATE_TIME_OFFSET),
      Column.of("size", INT64),
      Column.of("fileType", STRING),
      Column.of("isPeFile", BOOLEAN),
      Column.of("filePublisher", STRING),
      Column.of("fileProductName", STRING),
      Column.of("signer", STRING),
      Column.of("issuer", STRING),
      Column.of("signerHash", STRING),
      Column.of("isValidCertificate", BOOLEAN),
      Column.ofEnum("determinationType", List.of("Unknown", "Malware", "Unwanted", "Clean", "Pua")),
      Column.of("determinationValue", STRING),
      Column.of("organizationPrevalence", INT32).named("org_prevalence").from(Origin.STATS),
      Column.of("orgFirstSeen", DATE_TIME_OFFSET).from(Origin.STATS),
      Column.of("orgLastSeen", DATE_TIME_OFFSET).from(Origin.STATS),
      Column.of("topFileNames", STRING_COLLECTION).from(Origin.STATS)),
      List.of(new Lookup("/api/files/{key}", "sha1", true, SHA1),
          new Lookup("/api/files/{key}", "sha256", true, SHA256)),
      "/api/files/{key}/stats", null,
      "A file Defender knows of, by SHA-1 or SHA-256, with its prevalence in the organisation (org_*, from the"
          + " file statistics of the last 30 days).");
}
