package org.defendersql.emulator.faults;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults to inject, per endpoint: {@code emulator.faults().on("/api/alerts").nth(3, Fault.THROTTLE)} makes
 * the third request to a path starting with {@code /api/alerts} (counted from that call) answer 429.
 * Thread-safe; rules apply in the order they were added, the first matching one wins.
 */
public final class FaultPlan {
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private volatile int retryAfterSeconds = 1;
  private volatile Duration slowDelay = Duration.ofSeconds(5);

  /** Rules for requests whose path starts with this prefix (e.g. {@code /api/alerts}; {@code /api} for all). */
  public FaultRule on(String pathPrefix) {
    final FaultRule rule = new FaultRule(Objects.requireNonNull(pathPrefix));
    rules.add(rule);
    return rule;
  }

  /** The {@code Retry-After} seconds of injected throttling (default 1). */
  public FaultPlan retryAfterSeconds(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** How long a {@link Fault#SLOW} answer waits (default 5 s). */
  public FaultPlan slowDelay(Duration delay) {
    this.slowDelay = Objects.requireNonNull(delay);
    return this;
  }

  public Duration slowDelay() {
    return slowDelay;
  }

  /** Removes every rule. */
  public void clear() {
    rules.clear();
  }

  /** The fault for this API request, or null; counts the request against every rule it matches. */
  public Fault take(String path) {
    Fault chosen = null;
    for (FaultRule rule : rules) {
      final Fault f = rule.count(path);
      if (chosen == null) {
        chosen = f;
      }
    }
    return chosen;
  }
}
