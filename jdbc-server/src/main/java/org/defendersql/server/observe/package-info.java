/**
 * What the server tells its operators: one audit line per statement (who ran what, the API requests it caused,
 * its outcome) and per refused login, Prometheus metrics, and a health check. {@link
 * org.defendersql.server.observe.ObservingService} watches Avatica's requests; the adapter reports its API calls
 * ({@code org.defendersql.adapter.telemetry}).
 */
package org.defendersql.server.observe;
