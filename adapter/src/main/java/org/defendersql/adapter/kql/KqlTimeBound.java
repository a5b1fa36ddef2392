package org.defendersql.adapter.kql;

/**
 * A bound of a hunting query's time window that its SQL predicates imply ({@code Timestamp >= t},
 * {@code Timestamp < t}): a literal, or a parameter known at execution. Bounds are in SQL's milliseconds already
 * widened to KQL's ticks ({@code Timestamp > t} gives the lower bound {@code t + 1 ms}), so that the window holds
 * every row the query selects.
 *
 * @param lower  whether rows are at or after it (else strictly before it)
 * @param millis the bound in epoch milliseconds, or null when it is a parameter's
 * @param slot   the parameter whose value (epoch milliseconds) it is, when {@code millis} is null
 * @param adjust milliseconds added to the parameter's value
 */
public record KqlTimeBound(boolean lower, Long millis, int slot, long adjust) {
  /** A bound known at plan time. */
  public static KqlTimeBound literal(boolean lower, long millis) {
    return new KqlTimeBound(lower, millis, -1, 0);
  }

  /** A bound computed from a parameter at execution. */
  public static KqlTimeBound parameter(boolean lower, int slot, long adjust) {
    return new KqlTimeBound(lower, null, slot, adjust);
  }

  /** The bound's value in one execution, or null when its parameter is null (the query then selects nothing). */
  public Long value(Object[] values) {
    if (millis != null) {
      return millis;
    }
    final Object v = values[slot];
    return v == null ? null : ((Number) v).longValue() + adjust;
  }
}
