package org.defendersql.server.bench;

/**
 * One line of the performance report's summary: what was measured, its value, the target and whether the
 * value meets it (null when the figure has no target).
 */
record Figure(String name, String measured, String target, Boolean met) {
  String verdict() {
    return met == null ? "" : met ? "met" : "NOT MET";
  }
}
