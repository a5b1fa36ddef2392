/**
 * The emulator's KQL: a lexer, a parser to an AST and an evaluator over rows for the subset of the Kusto Query
 * Language that defender-sql's translator emits and that hunters write most ({@code where}, {@code project},
 * {@code extend}, {@code summarize}, {@code top}, {@code take}, {@code sort}, {@code distinct}, {@code count} and
 * their scalar operators and functions), with Kusto's literal forms and null rules. Anything else is refused with a
 * {@link org.defendersql.emulator.kql.KqlException} that the hunting endpoints answer as HTTP 400.
 *
 * <p>Lexical rules follow Microsoft's Kusto.Language parser (microsoft/Kusto-Query-Language, {@code TokenParser}
 * and {@code KustoFacts}); semantics follow the Kusto documentation (MicrosoftDocs/dataexplorer-docs).
 */
package org.defendersql.emulator.kql;
