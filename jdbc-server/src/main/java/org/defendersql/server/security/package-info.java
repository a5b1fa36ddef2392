/**
 * What keeps the server to the people it is meant for: BASIC or DIGEST authentication against a users file of
 * hashed passwords or Microsoft Entra ID access tokens ({@link org.defendersql.server.security.EntraAuthenticator}),
 * TLS from a key store, the refusal to listen beyond loopback without authentication, and a guard
 * in front of Avatica that refuses what no JDBC client sends (a foreign {@code Host}, an {@code Origin}, a content
 * type other than Avatica's, a body over the limit) and answers every failure as an Avatica error, never as
 * Jetty's HTML page. {@link org.defendersql.server.security.ServerSecurity} puts these on an Avatica
 * {@code HttpServer.Builder}; {@link org.defendersql.server.security.RequestUser} names the user a request is
 * served for.
 */
package org.defendersql.server.security;
