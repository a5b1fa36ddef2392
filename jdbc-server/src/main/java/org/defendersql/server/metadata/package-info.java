/**
 * What JDBC tools (DBeaver, DataGrip, BI tools) read about the catalogue, built from the model: REMARKS of
 * Defender tables and columns, plain type names and JDBC sizes, primary and foreign keys, the functions the
 * server offers, and the product's name and version. The server's {@code DefenderJdbcMeta} delegates to
 * {@link org.defendersql.server.metadata.CatalogMetadata}; rows of other schemas pass through unchanged. The same
 * rows of keys, indexes and functions are the tables of {@link org.defendersql.server.metadata.CatalogSchema}, where
 * the defender-sql JDBC driver reads them (Avatica's protocol has no requests for them).
 */
package org.defendersql.server.metadata;
