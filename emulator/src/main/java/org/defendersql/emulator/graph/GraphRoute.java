package org.defendersql.emulator.graph;

import java.util.ArrayList;
import java.util.List;
import org.defendersql.emulator.http.PathTemplate;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.defendersql.model.Lookup;

/**
 * A request path resolved against the model's Graph tables alone: each table's collection ({@link Entity#path()})
 * and each of its keyed templates ({@link Lookup#pathTemplate()}, {@code {key}} one path segment). Segments match
 * ignoring case and a trailing slash is allowed, as Graph does. Rows nested in another table's answer (evidence)
 * have no route of their own.
 *
 * @param entity the table whose endpoint it is (its read roles guard it)
 * @param key    the path's key, or null for the collection
 */
record GraphRoute(Entity entity, String key) {

  /** A path template and its table; {@code keyed} when its last segment is the key. */
  private record Template(List<String> segments, Entity entity, boolean keyed) {
  }

  private static final List<Template> TEMPLATES = templates();

  private static List<Template> templates() {
    final List<Template> list = new ArrayList<>();
    for (Entity e : DefenderModel.entities(Api.GRAPH)) {
      if (e.parent() == null && e.isScannable()) {
        list.add(new Template(segments(e.path()), e, false));
      }
    }
    for (Entity e : DefenderModel.entities(Api.GRAPH)) {
      if (e.parent() == null) {
        for (Lookup l : e.lookups()) {
          list.add(new Template(segments(l.pathTemplate()), e, true));
        }
      }
    }
    return List.copyOf(list);
  }

  /** The route of a decoded path, or null when no Graph table's template matches. */
  static GraphRoute resolve(String path) {
    final List<String> segments = segments(path);
    for (Template t : TEMPLATES) {
      final String key = PathTemplate.match(t.segments(), segments);
      if (key != null) {
        return new GraphRoute(t.entity(), t.keyed() ? key : null);
      }
    }
    return null;
  }

  /** Whether the request addresses one entity by its key. */
  boolean single() {
    return key != null;
  }

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
}
