/**
 * What the adapter reports about its calls to the web APIs, for whoever observes them: the server's audit log
 * (the requests of one statement) and its metrics (requests by endpoint and status, throttling waits). The HTTP
 * client reports every call here; nothing here sends one.
 */
package org.defendersql.adapter.telemetry;
