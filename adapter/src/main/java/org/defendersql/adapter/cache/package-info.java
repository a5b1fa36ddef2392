/**
 * The shared cache of complete API answers: one per tenant and app identity in the JVM ({@link AnswerCaches}),
 * bounded in bytes with least-recently-used eviction, each answer kept for its table's time-to-live, never a
 * partial or failed one; identical requests in flight are sent once ({@link AnswerCache#rows}). The
 * {@code cache_entries} and {@code cache_stats} tables and the {@code clear_cache()} function show and clear it
 * from SQL.
 */
package org.defendersql.adapter.cache;
