package org.defendersql.emulator.kql;

import org.defendersql.model.hunting.KqlType;

/**
 * A type-checked scalar expression, ready to evaluate against a row of its input schema.
 *
 * @param type     the KQL type of its value
 * @param eval     evaluates it on a row (string values are never null; other types may be)
 * @param constant whether it depends on no column, so it can be evaluated once
 */
record Compiled(KqlType type, Eval eval, boolean constant) {

  /** Evaluates an expression on a row. */
  @FunctionalInterface
  interface Eval {
    Object eval(Object[] row);
  }

  static Compiled of(KqlType type, Object value) {
    final Object v = type == KqlType.STRING && value == null ? "" : value;
    return new Compiled(type, row -> v, true);
  }

  /** The value of a constant expression. */
  Object value() {
    return eval.eval(null);
  }

  /** This expression, evaluated once if it is constant. */
  Compiled folded() {
    return constant ? of(type, eval.eval(null)) : this;
  }
}
