package org.defendersql.adapter.telemetry;

/** Told of each call the adapter makes to a web API, each wait for the API's call budget, each token fetch. */
public interface ApiCallListener {
  /** A call ended (answered or not). Called on the thread that made it; must be quick and must not throw. */
  void called(ApiCall call);

  /** A call waited this long for the app's call budget (the adapter's rate limiter) before it was sent. */
  default void throttled(long nanos) {
  }

  /** A token was fetched from the sign-in authority ({@code ok}), or the fetch failed. */
  default void tokenFetched(boolean ok) {
  }
}
