package org.defendersql.emulator.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * A call budget of the API: at most {@code limit} calls in any {@code window}, as "100 calls per minute and
 * 1,500 per hour". The window is configurable so that tests can reach a quota in seconds.
 */
public record Quota(int limit, Duration window) {
  public Quota {
    if (limit < 1 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a quota needs a positive limit and window");
    }
  }

  /** The window as the service prints it in its 429 message: {@code 00:01:00}. */
  public String windowText() {
    final long s = window.toSeconds();
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  /** The service's 429 message for this quota. */
  public String message() {
    return "API calls quota exceeded! maximum allowed " + limit + " per " + windowText();
  }
}
