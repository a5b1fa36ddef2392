/**
 * "Test connection": probes the token and each area the adapter reads, per permission, and says what to fix;
 * served as the {@code connection_status} table and by the server's {@code test-connection} command.
 */
package org.defendersql.adapter.status;
