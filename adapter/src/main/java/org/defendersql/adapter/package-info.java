/**
 * Apache Calcite adapter for Microsoft Defender for Endpoint: the schema factory named in a Calcite model, the
 * schema and its tables. The planner side of a scan lives in {@code planner}, what a scan does at execution in
 * {@code runtime}, HTTP, authentication and JSON in {@code client}; the request a scan sends is the value object
 * {@link org.defendersql.adapter.odata.DefenderRequest}. The advanced-hunting tables have their own
 * {@code hunting} and {@code kql} packages.
 */
package org.defendersql.adapter;
