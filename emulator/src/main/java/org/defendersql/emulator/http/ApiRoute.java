package org.defendersql.emulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * A request path under {@code /api} resolved against the model's entity paths: a collection, its
 * {@code /$count}, or one entity by key. {@code /api/v1.0/...} is the same API; segments match ignoring case,
 * as ASP.NET routing does.
 *
 * @param key the entity key for a single-entity request, else null
 */
record ApiRoute(Entity entity, Kind kind, String key) {

  /** What the path addresses. */
  enum Kind {
    COLLECTION, COUNT, SINGLE
  }

  /** The route of a decoded path, or null when no API route matches. */
  static ApiRoute resolve(String path) {
    final List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
    // "/api/alerts/" has a trailing empty segment; "/api/alerts" starts with one.
    if (!segments.isEmpty() && segments.get(0).isEmpty()) {
      segments.remove(0);
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("api")) {
      return null;
    }
    segments.remove(0);
    if (!segments.isEmpty() && segments.get(0).equalsIgnoreCase("v1.0")) {
      segments.remove(0);
    }
    if (segments.isEmpty() || segments.size() > 2) {
      return null;
    }
    for (Entity e : DefenderModel.entities()) {
      if (!e.isScannable() || e.parent() != null || !e.path().equalsIgnoreCase("/api/" + segments.get(0))) {
        continue;
      }
      if (segments.size() == 1) {
        return new ApiRoute(e, Kind.COLLECTION, null);
      }
      final String second = segments.get(1);
      if (second.equals("$count")) {
        return new ApiRoute(e, Kind.COUNT, null);
      }
      return second.isEmpty() ? null : new ApiRoute(e, Kind.SINGLE, second);
    }
    return null;
  }

  /** The entity's name in messages: {@code Alert}, {@code Machine}. */
  String entityName() {
    final String set = entity.entitySetName();
    final String singular = set.endsWith("s") ? set.substring(0, set.length() - 1) : set;
    return singular.substring(0, 1).toUpperCase(Locale.ROOT) + singular.substring(1);
  }
}
