/**
 * Apache Calcite adapter for Microsoft Defender for Endpoint: the schema factory named in a Calcite model, the
 * tables, and the planner side of a scan (its convention, rules and the converter that generates the code
 * which runs it). HTTP, authentication and JSON live in {@code client}; the request a scan sends is the
 * value object {@link org.defendersql.adapter.odata.DefenderRequest}.
 */
package org.defendersql.adapter;
