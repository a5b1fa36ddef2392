/** The HTTPS server: TLS material, routing, the token and API handlers, streamed JSON and the request log. */
package org.defendersql.emulator.http;
