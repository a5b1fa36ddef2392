package org.defendersql.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.emulator.odata.ODataException;
import org.defendersql.emulator.odata.QueryOptionsParser;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;

/**
 * How the export APIs page, unlike the entity collections: {@code pageSize} rows a page (50,000 unless asked, at most
 * the table's {@link Entity#maxTop()}; the emulator's own page size caps it, so that tests can page small tenants),
 * and next links that carry a {@code $skiptoken} rather than {@code $skip}, as the service's do.
 */
final class ExportPaging {
  /** The service's page when no {@code pageSize} is given. */
  static final int DEFAULT_PAGE = 50_000;
  private static final String SKIP_TOKEN = "$skiptoken";
  private static final String PAGE_SIZE = "pagesize";

  private ExportPaging() {
  }

  /** Whether rows of this entity (as served) are an export's: their entity set is an export's. */
  static boolean serves(Entity entity) {
    return DefenderModel.EXPORTS.stream().anyMatch(e -> e.entitySetName().equals(entity.entitySetName()));
  }

  /** The query without its {@code $skiptoken}, for the OData options' parser. */
  static String withoutSkipToken(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    final List<String> kept = new ArrayList<>();
    for (String part : rawQuery.split("&", -1)) {
      if (!name(part).equals(SKIP_TOKEN)) {
        kept.add(part);
      }
    }
    return String.join("&", kept);
  }

  /** The rows a page holds: the {@code pageSize} asked (1 to {@code max}), capped by the emulator's page. */
  static int pageSize(String rawQuery, int max, int emulatorPage) {
    int size = DEFAULT_PAGE;
    for (Map.Entry<String, String> p : QueryOptionsParser.decode(rawQuery)) {
      if (p.getKey().toLowerCase(Locale.ROOT).equals(PAGE_SIZE)) {
        final String v = p.getValue().trim();
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
          throw new ODataException(400, "InvalidInput", "pageSize must be a whole number from 1 to " + max
              + ", not '" + p.getValue() + "'.");
        }
        size = Integer.parseInt(v);
      }
    }
    return Math.min(size, emulatorPage);
  }

  /** The rows already served, from the {@code $skiptoken} (0 without one); 400 for a token it did not write. */
  static long skip(String rawQuery) {
    for (Map.Entry<String, String> p : QueryOptionsParser.decode(rawQuery)) {
      if (p.getKey().toLowerCase(Locale.ROOT).equals(SKIP_TOKEN)) {
        try {
          final String json = new String(Base64.getUrlDecoder().decode(p.getValue().trim()),
              StandardCharsets.UTF_8);
          if (json.matches("\\{\"LineStoppedAt\":\\d{1,15}}")) {
            return Long.parseLong(json.replaceAll("\\D", ""));
          }
        } catch (IllegalArgumentException e) {
          // not Base64: refused below
        }
        throw new ODataException(400, "InvalidInput", "The $skiptoken '" + p.getValue() + "' is not valid.");
      }
    }
    return 0;
  }

  /** The next page's link: the same URL, every parameter kept, with the token of {@code skip} rows served. */
  static String nextLink(String base, String rawPath, String rawQuery, long skip) {
    final String kept = withoutSkipToken(rawQuery);
    final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"LineStoppedAt\":" + skip + "}")
        .getBytes(StandardCharsets.UTF_8));
    return base + rawPath + "?" + (kept == null || kept.isEmpty() ? "" : kept + "&") + SKIP_TOKEN + "=" + token;
  }

  private static String name(String part) {
    final String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
    return name.replace("%24", "$").toLowerCase(Locale.ROOT);
  }
}
