package org.defendersql.emulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;

/**
 * A request path under {@code /api} resolved against the model alone: every scannable entity's collection and its
 * {@code /$count}, every path template of the entities' {@link Entity#lookups() lookups} (one entity by key, or a
 * collection by key: related alerts and machines, logon users, a machine's alerts) and every statistics template.
 * {@code {key}} stands for one path segment; {@code /api/v1.0/...} is the same API; literal segments match
 * ignoring case, as ASP.NET routing does. Rows nested in another entity's answer (alert evidence) have no route of
 * their own.
 *
 * @param entity  the table whose endpoint it is (its read roles guard it)
 * @param lookups for {@link Kind#KEYED}, the entity's lookups sharing the matched template (a file by SHA-1 or
 *                SHA-256); else empty
 * @param key     the path's key, else null (also for a key in the query string, as findbytag's: see
 *                {@link Lookup#keyInQuery()})
 * @param parameters the path's other placeholders by name (findbyip's {@code timestamp}); else empty
 */
record ApiRoute(Entity entity, Kind kind, List<Lookup> lookups, String key, Map<String, String> parameters) {

  /** What the path addresses. */
  enum Kind {
    COLLECTION, COUNT, KEYED, STATS
  }

  /** A path template of the model and what it addresses. */
  private record Template(List<String> segments, Entity entity, Kind kind, List<Lookup> lookups) {
  }

  private static final List<Template> TEMPLATES = templates();

  private static List<Template> templates() {
    final List<Template> list = new ArrayList<>();
    // Literal routes first, so /api/alerts/$count is not taken for the alert of id "$count".
    for (Entity e : DefenderModel.entities(Api.MDE)) {
      if (e.isScannable() && e.parent() == null) {
        list.add(new Template(segments(e.path()), e, Kind.COLLECTION, List.of()));
        if (!e.singleObject()) {
          list.add(new Template(segments(e.path() + "/$count"), e, Kind.COUNT, List.of()));
        }
      }
    }
    final List<Template> keyed = new ArrayList<>();
    for (Entity e : DefenderModel.entities(Api.MDE)) {
      if (e.parent() != null) {
        continue;
      }
      final Map<String, List<Lookup>> byTemplate = new LinkedHashMap<>();
      for (Lookup l : e.lookups()) {
        byTemplate.computeIfAbsent(l.pathTemplate(), t -> new ArrayList<>()).add(l);
      }
      // A key in the query string (findbytag?tag={key}) leaves the path literal.
      byTemplate.forEach((t, lookups) -> keyed.add(new Template(segments(t.split("\\?", 2)[0]), e, Kind.KEYED,
          List.copyOf(lookups))));
      if (e.statsPath() != null) {
        keyed.add(new Template(segments(e.statsPath()), e, Kind.STATS, List.of()));
      }
    }
    // Segments that are literal, or hold a placeholder among literal text (findbyip(...)), before a whole {key}:
    // /api/machines/findbytag is not the machine named findbytag.
    keyed.sort(java.util.Comparator.comparingLong(t -> t.segments().stream().filter("{key}"::equals).count()));
    list.addAll(keyed);
    return List.copyOf(list);
  }

  /** The route of a decoded path, or null when no API route matches. */
  static ApiRoute resolve(String path) {
    final List<String> segments = segments(path);
    if (segments.isEmpty() || !segments.get(0).equalsIgnoreCase("api")) {
      return null;
    }
    if (segments.size() > 1 && segments.get(1).equalsIgnoreCase("v1.0")) {
      segments.remove(1);
    }
    for (Template t : TEMPLATES) {
      final Map<String, String> values = PathTemplate.matchAll(t.segments(), segments);
      if (values != null) {
        final Map<String, String> parameters = new LinkedHashMap<>(values);
        final String key = parameters.remove("key");
        return new ApiRoute(t.entity(), t.kind(), t.lookups(), key == null || key.isEmpty() ? null : key,
            Map.copyOf(parameters));
      }
    }
    return null;
  }

  /** The segments of a path: "/api/alerts/" and "/api/alerts" both give [api, alerts]. */
  private static List<String> segments(String path) {
    final List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
    if (!segments.isEmpty() && segments.get(0).isEmpty()) {
      segments.remove(0);
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1);
    }
    return segments;
  }

  /** Whether the answer is one entity (by key) rather than a collection. */
  boolean single() {
    return kind == Kind.KEYED && lookups.get(0).single();
  }
}
