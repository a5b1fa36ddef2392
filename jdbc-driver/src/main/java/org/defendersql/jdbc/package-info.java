/** The defender-sql JDBC driver: the thin {@link org.defendersql.jdbc.Driver} over Avatica's remote client. */
package org.defendersql.jdbc;
