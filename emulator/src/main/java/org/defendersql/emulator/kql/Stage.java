package org.defendersql.emulator.kql;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One compiled tabular operator: the schema it produces and how it turns its input rows into output rows.
 * Row-wise operators stream; {@code summarize}, {@code sort}, {@code distinct} and {@code top} consume their input
 * first ({@code top} and a bounded sort keep only as many rows as they return).
 *
 * @param name    the operator's name, for messages
 * @param columns the output schema
 * @param apply   input rows to output rows
 */
record Stage(String name, List<KqlColumn> columns, UnaryOperator<Stream<Object[]>> apply) {
}
