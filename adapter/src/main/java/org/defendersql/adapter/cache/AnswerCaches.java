package org.defendersql.adapter.cache;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The process-wide caches, one per tenant and app identity (the settings that decide what the API answers and to
 * whom: roots, tenant, app, credential): every connection of the same identity shares one, whatever its other
 * settings, as the users of one server share theirs. The first connection of an identity fixes its bound.
 */
public final class AnswerCaches {
  private static final ConcurrentMap<Object, AnswerCache> CACHES = new ConcurrentHashMap<>();

  private AnswerCaches() {
  }

  /** The cache of an identity, made with this bound on first use. */
  public static AnswerCache of(Object identity, long maxBytes) {
    return CACHES.computeIfAbsent(identity, k -> new AnswerCache(maxBytes));
  }

  /** Every cache of the process. */
  static List<AnswerCache> all() {
    return List.copyOf(CACHES.values());
  }
}
