/**
 * The defender-sql JDBC server: an Avatica HTTP server over Calcite connections to the Defender schema,
 * read-only, with a server-side lexical policy and a whitelist of client connection properties. Run with no
 * arguments it serves an in-process emulated tenant.
 */
package org.defendersql.server;
