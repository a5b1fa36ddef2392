package org.defendersql.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One request the emulator answered (token or API), as tests inspect them: never holds a secret or a token.
 *
 * @param time     when the request arrived
 * @param method   the HTTP method
 * @param path     the decoded path
 * @param rawQuery the query string exactly as received, or null
 * @param status   the response status
 * @param clientId the application of the bearer token or of the token request, or null if none
 * @param kql      for the hunting endpoints, the KQL query of the body as received (decoded from its JSON), or null
 * @param timespan for the hunting endpoints, the body's {@code Timespan} as received, or null when it had none
 */
public record RecordedRequest(Instant time, String method, String path, String rawQuery, int status,
    String clientId, String kql, String timespan) {

  /** A request of an endpoint other than advanced hunting. */
  public RecordedRequest(Instant time, String method, String path, String rawQuery, int status, String clientId) {
    this(time, method, path, rawQuery, status, clientId, null, null);
  }

  /** The query string URL-decoded ({@code +} as space too), or {@code ""} when there is none. */
  public String query() {
    if (rawQuery == null) {
      return "";
    }
    try {
      return URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return rawQuery;
    }
  }
}
