package org.defendersql.adapter.telemetry;

/**
 * One call to a web API, as it ended.
 *
 * @param method   the HTTP method
 * @param url      the URL called (query options included; it never holds a credential)
 * @param endpoint the endpoint's template from the model ({@code /api/files/{key}}), so that counts by endpoint
 *                 stay few whatever the keys
 * @param status   the HTTP status of the answer, or {@link #NO_ANSWER} when none came (timeout, reset, cancel)
 * @param nanos    how long the call took until its answer's headers
 */
public record ApiCall(String method, String url, String endpoint, int status, long nanos) {
  /** The status of a call that got no answer. */
  public static final int NO_ANSWER = -1;
}
