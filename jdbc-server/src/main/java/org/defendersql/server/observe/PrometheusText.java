package org.defendersql.server.observe;

import java.util.Map;
import java.util.TreeMap;

/** Writes metric families in Prometheus' text exposition format, escaping label values as it requires. */
final class PrometheusText {
  private final StringBuilder out = new StringBuilder();

  /** Starts a family: its help and type lines. */
  void family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** One sample, its labels in name order. */
  void sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
  }

  /** A number as Prometheus reads it: integers without a fraction. */
  static String number(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override public String toString() {
    return out.toString();
  }
}
