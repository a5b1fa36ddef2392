/**
 * The server's limits that protect its process and the tenant's API budget from one client: connections,
 * statements and running statements per user and in all, rows a statement may hold, and the heap.
 */
package org.defendersql.server.limits;
