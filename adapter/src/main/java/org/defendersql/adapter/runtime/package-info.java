/**
 * What a Defender scan does at execution, between the planner's request and the HTTP client: the access policy
 * checked before any request, keyed lookups four at a time, rows nested in their parents' answers, statistics
 * joined in.
 */
package org.defendersql.adapter.runtime;
