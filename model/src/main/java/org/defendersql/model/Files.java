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

  static final Entity ENTITY = Entity.builder("files")
      .entitySet("Files")
      .key("sha1")
      .primaryKey("sha1")
      .readRoles("File.Read.All")
      .estimatedRows(100_000)
      .columns(List.of(
          Column.of("sha1", STRING).notNull()
              .described("SHA-1 hash of the file's content (40 hex digits)."),
          Column.of("sha256", STRING)
              .described("SHA-256 hash of the file's content (64 hex digits)."),
          Column.of("md5", STRING)
              .described("MD5 hash of the file's content."),
          Column.of("globalPrevalence", INT64)
              .described("Number of devices the file was seen on worldwide."),
          Column.of("globalFirstObserved", DATE_TIME_OFFSET)
              .described("Time the file was first seen worldwide (UTC)."),
          Column.of("globalLastObserved", DATE_TIME_OFFSET)
              .described("Time the file was last seen worldwide (UTC)."),
          Column.of("size", INT64)
              .described("Size of the file in bytes."),
          Column.of("fileType", STRING)
              .described("Type of the file."),
          Column.of("isPeFile", BOOLEAN)
              .described("Whether the file is a Windows portable executable (PE)."),
          Column.of("filePublisher", STRING)
              .described("Publisher of the file."),
          Column.of("fileProductName", STRING)
              .described("Product name in the file's version information."),
          Column.of("signer", STRING)
              .described("Signer of the file's signature."),
          Column.of("issuer", STRING)
              .described("Issuer of the signing certificate."),
          Column.of("signerHash", STRING)
              .described("Hash of the signer's certificate."),
          Column.of("isValidCertificate", BOOLEAN)
              .described("Whether the file's signing certificate is valid."),
          Column.ofEnum("determinationType", List.of("Unknown", "Malware", "Unwanted", "Clean", "Pua"))
              .described("What Defender determined the file to be."),
          Column.of("determinationValue", STRING)
              .described("Name of the determination, e.g. the threat's name."),
          Column.of("organizationPrevalence", INT32).named("org_prevalence").from(Origin.STATS)
              .described("Number of the organisation's devices the file was seen on in the last 30 days."),
          Column.of("orgFirstSeen", DATE_TIME_OFFSET).from(Origin.STATS)
              .described("Time the file was first seen in the organisation in the last 30 days (UTC)."),
          Column.of("orgLastSeen", DATE_TIME_OFFSET).from(Origin.STATS)
              .described("Time the file was last seen in the organisation in the last 30 days (UTC)."),
          Column.of("topFileNames", STRING_COLLECTION).from(Origin.STATS)
              .described("The most common names of the file in the organisation.")))
      .lookup(new Lookup("/api/files/{key}", "sha1", true, SHA1))
      .lookup(new Lookup("/api/files/{key}", "sha256", true, SHA256))
      .statsPath("/api/files/{key}/stats")
      .description("A file Defender knows of, by SHA-1 or SHA-256, with its prevalence in the organisation (org_*, from"
          + " the file statistics of the last 30 days).")
      .successor("hunting.file_prevalence")
      .build();
}
