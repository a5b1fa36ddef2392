package org.defendersql.emulator.faults;

/** A failure the emulator can inject into one API request, as the real service or the network produces them. */
public enum Fault {
  /** 429 {@code TooManyRequests} with {@code Retry-After}, as a throttled entity API answers. */
  THROTTLE,
  /**
   * 429 with the real quota body ({@code "code":"429"}, "API calls quota exceeded! maximum allowed 100 per
   * 00:01:00") and {@code Retry-After}.
   */
  QUOTA_EXCEEDED,
  /** 500 {@code InternalServerError}. */
  INTERNAL_ERROR,
  /** 503 {@code ServiceUnavailable}. */
  UNAVAILABLE,
  /** The answer comes only after the slow-response delay, beyond a client's read timeout. */
  SLOW,
  /** The connection is closed before any answer. */
  CONNECTION_RESET,
  /** A 200 page whose body stops in the middle (a complete HTTP message holding half the JSON). */
  TRUNCATED_JSON,
  /** A 200 page with an invalid byte in the middle of its JSON. */
  MALFORMED_JSON,
  /** Half of the page is sent, then the connection drops before the announced length. */
  DROPPED_MID_BODY,
  /** The bearer token presented is treated as expired from now on (401 "The access token has expired."). */
  EXPIRED_TOKEN,
  /** The page's {@code @odata.nextLink} points at the page itself, as the service's paging bug on machines. */
  LOOPING_NEXT_LINK,
  /** 403 as if admin consent for the entity's read permission had just been removed from the app. */
  PERMISSION_REMOVED;

  /** Whether the fault alters a successful page's body rather than replacing the answer. */
  public boolean altersBody() {
    return this == TRUNCATED_JSON || this == MALFORMED_JSON || this == DROPPED_MID_BODY
        || this == LOOPING_NEXT_LINK;
  }
}
