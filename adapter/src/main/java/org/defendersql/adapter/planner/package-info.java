/**
 * The planner side of the Defender tables: the scan, the rules that translate filters, projections, sorts and
 * key joins into a {@link org.defendersql.adapter.odata.DefenderRequest} at plan time, costs and selectivity,
 * and the converter that hands the request to generated code. No HTTP, JSON or credentials here.
 */
package org.defendersql.adapter.planner;
