package org.defendersql.emulator.kql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.defendersql.model.hunting.KqlType;

/**
 * The scalar functions of the subset: {@code ago}, {@code now}, {@code isnull}, {@code isnotnull},
 * {@code isempty}, {@code isnotempty}, {@code not}, {@code tolower}, {@code toupper}, {@code strlen} (code points),
 * {@code tostring}, {@code strcat} and {@code bin}. Aggregates outside {@code summarize} and other functions are
 * refused.
 */
final class Functions {
  /** Ticks (100 ns) from 0001-01-01, where .NET and Kusto count datetimes from, to 1970-01-01. */
  private static final long TICKS_TO_EPOCH = 621_355_968_000_000_000L;
  static final Set<String> AGGREGATES = Set.of("count", "countif", "sum", "sumif", "min", "max", "avg", "avgif",
      "dcount", "dcountif", "arg_max", "arg_min", "make_set", "make_list", "make_bag", "take_any", "any", "take_anyif",
      "anyif", "percentile", "percentiles", "stdev", "variance", "count_distinct", "make_set_if", "make_list_if",
      "minif", "maxif", "hll", "tdigest", "argmax", "argmin", "makeset", "makelist");
  /** Kusto functions outside the subset, refused as unsupported rather than unknown. */
  private static final Set<String> KNOWN = Set.of("iff", "iif", "case", "coalesce", "todatetime", "tolong", "toint",
      "todouble", "toreal", "tobool", "toguid", "totimespan", "parse_json", "todynamic", "extract", "extract_all",
      "split", "substring", "replace_string", "replace_regex", "trim", "trim_start", "trim_end", "indexof",
      "format_datetime", "format_timespan", "datetime_diff", "datetime_add", "datetime_part", "startofday",
      "startofweek", "startofmonth", "endofday", "dayofweek", "hourofday", "array_length", "bag_keys",
      "pack_array", "pack", "bag_pack", "ipv4_is_in_range", "ipv4_is_private", "parse_ipv4", "parse_url",
      "parse_path", "base64_decode_tostring", "hash", "hash_sha256", "round", "floor", "abs", "log", "exp",
      "pow", "sqrt", "reverse", "countof", "set_has_element", "array_index_of", "tohex", "unixtime_seconds_todatetime",
      "geo_info_from_ip_address", "has_any_index", "strcat_delim", "make_datetime", "make_timespan", "isnan",
      "isfinite", "column_ifexists", "materialize", "toscalar", "row_number", "prev", "next", "dynamic");

  private final Compiler compiler;

  Functions(Compiler compiler) {
    this.compiler = compiler;
  }

  Compiled call(Ast.Call call) {
    final String name = call.name();
    if (AGGREGATES.contains(name)) {
      throw compiler.error("the aggregate function '" + name + "()' can only be used in 'summarize'");
    }
    final List<Compiled> args = new ArrayList<>();
    for (Ast.Expr e : call.args()) {
      args.add(compiler.compile(e));
    }
    final boolean constant = args.stream().allMatch(Compiled::constant);
    switch (name) {
      case "ago": {
        arity(name, args, 1, 1);
        requireType(name, args.get(0), KqlType.TIMESPAN);
        final Compiled.Eval e = args.get(0).eval();
        final Instant now = compiler.now();
        return new Compiled(KqlType.DATETIME, row -> e.eval(row) == null ? null : now.minus((Duration) e.eval(row)),
            constant);
      }
      case "now": {
        arity(name, args, 0, 1);
        final Instant now = compiler.now();
        if (args.isEmpty()) {
          return Compiled.of(KqlType.DATETIME, now);
        }
        requireType(name, args.get(0), KqlType.TIMESPAN);
        final Compiled.Eval e = args.get(0).eval();
        return new Compiled(KqlType.DATETIME, row -> e.eval(row) == null ? null : now.plus((Duration) e.eval(row)),
            constant);
      }
      case "isnull", "isnotnull": {
        arity(name, args, 1, 1);
        final Compiled.Eval e = args.get(0).eval();
        final boolean wantNull = name.equals("isnull");
        // Strings are never null: isnull("") is false.
        return new Compiled(KqlType.BOOL, row -> (e.eval(row) == null) == wantNull, constant);
      }
      case "isempty", "isnotempty": {
        arity(name, args, 1, 1);
        final Compiled.Eval e = args.get(0).eval();
        final boolean wantEmpty = name.equals("isempty");
        return new Compiled(KqlType.BOOL, row -> {
          final Object v = e.eval(row);
          return (v == null || (v instanceof String s && s.isEmpty())) == wantEmpty;
        }, constant);
      }
      case "not": {
        arity(name, args, 1, 1);
        requireType(name, args.get(0), KqlType.BOOL);
        final Compiled.Eval e = args.get(0).eval();
        return new Compiled(KqlType.BOOL, row -> e.eval(row) == null ? null : !(Boolean) e.eval(row), constant);
      }
      case "tolower", "toupper": {
        arity(name, args, 1, 1);
        requireType(name, args.get(0), KqlType.STRING);
        final Compiled.Eval e = args.get(0).eval();
        final boolean lower = name.equals("tolower");
        return new Compiled(KqlType.STRING, row -> lower ? ((String) e.eval(row)).toLowerCase(Locale.ROOT)
            : ((String) e.eval(row)).toUpperCase(Locale.ROOT), constant);
      }
      case "strlen": {
        arity(name, args, 1, 1);
        requireType(name, args.get(0), KqlType.STRING);
        final Compiled.Eval e = args.get(0).eval();
        return new Compiled(KqlType.LONG, row -> {
          final String s = (String) e.eval(row);
          return (long) s.codePointCount(0, s.length());
        }, constant);
      }
      case "tostring": {
        arity(name, args, 1, 1);
        final Compiled.Eval e = args.get(0).eval();
        return new Compiled(KqlType.STRING, row -> text(e.eval(row)), constant);
      }
      case "strcat": {
        arity(name, args, 1, 64);
        return new Compiled(KqlType.STRING, row -> {
          final StringBuilder b = new StringBuilder();
          for (Compiled a : args) {
            b.append(text(a.eval().eval(row)));
          }
          return b.toString();
        }, constant);
      }
      case "bin", "floor": {
        arity(name, args, 2, 2);
        return bin(name, args.get(0), args.get(1));
      }
      default:
        if (KNOWN.contains(name)) {
          throw KqlException.unsupported("the function '" + name + "()'");
        }
        throw compiler.error("Failed to resolve scalar function named '" + name + "'");
    }
  }

  /** {@code bin(value, size)}: the multiple of size at or below value; datetimes count from 0001-01-01. */
  private Compiled bin(String name, Compiled v, Compiled size) {
    final Compiled.Eval ve = v.eval();
    final Compiled.Eval se = size.eval();
    final boolean constant = v.constant() && size.constant();
    if ((v.type() == KqlType.DATETIME || v.type() == KqlType.TIMESPAN) && size.type() == KqlType.TIMESPAN) {
      final boolean datetime = v.type() == KqlType.DATETIME;
      return new Compiled(v.type(), row -> {
        final Object x = ve.eval(row);
        final Duration s = (Duration) se.eval(row);
        if (x == null || s == null || s.isNegative() || s.isZero()) {
          return null;
        }
        final long step = s.toNanos() / 100;
        if (datetime) {
          final Instant t = (Instant) x;
          final long ticks = TICKS_TO_EPOCH + t.getEpochSecond() * 10_000_000L + t.getNano() / 100;
          final long binned = Math.floorDiv(ticks, step) * step - TICKS_TO_EPOCH;
          return Instant.ofEpochSecond(Math.floorDiv(binned, 10_000_000L), Math.floorMod(binned, 10_000_000L) * 100);
        }
        final long ticks = ((Duration) x).toNanos() / 100;
        return Duration.ofNanos(Math.floorDiv(ticks, step) * step * 100);
      }, constant);
    }
    if (Values.isNumeric(v.type()) && Values.isNumeric(size.type())) {
      final KqlType t = v.type() == KqlType.DOUBLE || size.type() == KqlType.DOUBLE ? KqlType.DOUBLE : v.type();
      return new Compiled(t, row -> {
        final Number x = (Number) ve.eval(row);
        final Number s = (Number) se.eval(row);
        if (x == null || s == null || s.doubleValue() <= 0) {
          return null;
        }
        if (t == KqlType.DOUBLE) {
          return Math.floor(x.doubleValue() / s.doubleValue()) * s.doubleValue();
        }
        final long r = Math.floorDiv(x.longValue(), s.longValue()) * s.longValue();
        return t == KqlType.INT ? (Object) (int) r : r;
      }, constant);
    }
    throw compiler.error("'" + name + "()' expects a number, datetime or timespan and a bin size, not "
        + v.type().kqlName() + " and " + size.type().kqlName());
  }

  /** The text of a value as {@code tostring()} gives it: empty for null. */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Instant t) {
      return DateTimes.format(t);
    }
    if (v instanceof Duration d) {
      return Timespans.format(d);
    }
    return v.toString();
  }

  private void arity(String name, List<Compiled> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw compiler.error("'" + name + "()' takes " + (min == max ? min : min + " to " + max) + " arguments, not "
          + args.size());
    }
  }

  private void requireType(String name, Compiled arg, KqlType type) {
    if (arg.type() != type) {
      throw compiler.error("'" + name + "()' expects a " + type.kqlName() + ", not " + arg.type().kqlName());
    }
  }
}
