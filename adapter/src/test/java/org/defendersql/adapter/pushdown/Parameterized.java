package org.defendersql.adapter.pushdown;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement with its literals turned into {@code ?} parameters, and the values to bind: strings, whole numbers
 * and timestamp literals ({@code TIMESTAMP '...'}, as the UTC instant of its wall clock, which the embedded
 * connection's UTC zone reads back as the same wall clock). Interval literals stay, as they are no values a
 * client binds.
 *
 * @param sql    the statement with {@code ?} in place of each literal
 * @param values the literals' values, in order
 */
record Parameterized(String sql, List<Object> values) {
  private static final Pattern LITERAL = Pattern.compile(
      "(?i)(interval\\s+'[^']*'\\s+\\w+)|timestamp\\s+'([^']*)'|'((?:[^']|'')*)'|(?<![\\w.])(\\d+(?:\\.\\d+)?)(?![\\w.])");

  /** The statement with every literal a parameter. */
  static Parameterized of(String sql) {
    final Matcher m = LITERAL.matcher(sql);
    final StringBuilder out = new StringBuilder();
    final List<Object> values = new ArrayList<>();
    while (m.find()) {
      if (m.group(1) != null) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
        continue;
      }
      if (m.group(2) != null) {
        final LocalDateTime t = LocalDateTime.parse(m.group(2).replace(' ', 'T'));
        values.add(new Timestamp(t.toInstant(ZoneOffset.UTC).toEpochMilli()));
      } else if (m.group(3) != null) {
        values.add(m.group(3).replace("''", "'"));
      } else {
        final BigDecimal d = new BigDecimal(m.group(4));
        values.add(d.scale() > 0 ? d : (Object) d.longValueExact());
      }
      m.appendReplacement(out, "?");
    }
    m.appendTail(out);
    return new Parameterized(out.toString(), values);
  }
}
