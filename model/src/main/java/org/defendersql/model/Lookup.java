package org.defendersql.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyed endpoint of a table: the rows for one key value, e.g. {@code /api/files/{key}} by {@code sha1}.
 *
 * @param pathTemplate the path with {@code {key}} where the key value goes
 * @param keyColumn    the SQL name of the column the key value is compared with
 * @param single       whether the endpoint answers one entity (unknown key: 404) rather than a collection
 *                     (unknown key: 200 with no rows)
 * @param keyPattern   a regular expression every valid key matches (e.g. 40 hex digits for a SHA-1); a value
 *                     that does not match cannot be a key and is not sent
 * @param accountName  whether the key is a user account, which the API takes as the bare account name: a UPN
 *                     ({@code jdoe@contoso.com}) or {@code CONTOSO\jdoe} is sent as {@code jdoe}
 * @param values       for a template with {@link #parameters() parameters} besides the key (the time of
 *                     {@code findbyip}), the values already written into {@code pathTemplate}, by column, as SQL
 *                     gave them, so that the rows can carry them; empty otherwise
 */
public record Lookup(String pathTemplate, String keyColumn, boolean single, String keyPattern,
    boolean accountName, Map<String, Object> values) {

  /**
   * A parameter's value known only at execution (a JDBC {@code ?}, {@code CURRENT_TIMESTAMP - INTERVAL '1' DAY}): the
   * position of its expression among the scan's execution values, written into the path when the scan runs.
   */
  public record Slot(int index) {
  }

  /** A placeholder of a path template other than {@code {key}}: a column's SQL name in braces. */
  private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_0-9]+)\\}");

  public Lookup {
    values = values.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A lookup whose keys are sent as they are. */
  public Lookup(String pathTemplate, String keyColumn, boolean single, String keyPattern) {
    this(pathTemplate, keyColumn, single, keyPattern, false);
  }

  /** A lookup by one key (no other parameter bound). */
  public Lookup(String pathTemplate, String keyColumn, boolean single, String keyPattern, boolean accountName) {
    this(pathTemplate, keyColumn, single, keyPattern, accountName, Map.of());
  }

  /**
   * The columns, by SQL name, whose values the path template needs besides the key ({@code timestamp} in
   * {@code /api/machines/findbyip(ip='{key}',timestamp={timestamp})}); each must be given by an equality, and its
   * value is written as an OData literal. Empty for most lookups.
   */
  public List<String> parameters() {
    final List<String> names = new ArrayList<>();
    final Matcher m = PARAMETER.matcher(pathTemplate);
    while (m.find()) {
      if (!m.group(1).equals("key")) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /**
   * This lookup with a parameter's value written into the template: {@code literal} as the API takes it (already
   * encoded for a URL), {@code value} as SQL gave it, for the rows.
   */
  public Lookup withParameter(String column, String literal, Object value) {
    final Map<String, Object> bound = new LinkedHashMap<>(values);
    bound.put(column, value);
    return new Lookup(pathTemplate.replace("{" + column + "}", literal), keyColumn, single, keyPattern, accountName,
        bound);
  }

  /** This lookup with a parameter's value to come at execution, its template left as it is until then. */
  public Lookup withSlot(String column, int index) {
    final Map<String, Object> bound = new LinkedHashMap<>(values);
    bound.put(column, new Slot(index));
    return new Lookup(pathTemplate, keyColumn, single, keyPattern, accountName, bound);
  }

  /**
   * Whether the key goes in the query string ({@code findbytag?tag={key}}) rather than in a path segment: there
   * a space or a slash is harmless once encoded.
   */
  public boolean keyInQuery() {
    final int q = pathTemplate.indexOf('?');
    return q >= 0 && pathTemplate.indexOf("{key}") > q;
  }

  /**
   * The key as the API takes it: for account names the part after a {@code \} and before an {@code @}. Distinct
   * SQL keys may so become one API key ({@code jdoe@contoso.com} and {@code jdoe@fabrikam.com}): the API cannot
   * tell those users apart.
   */
  public String apiKey(String key) {
    if (!accountName) {
      return key;
    }
    String k = key;
    final int slash = k.lastIndexOf('\\');
    if (slash >= 0) {
      k = k.substring(slash + 1);
    }
    final int at = k.indexOf('@');
    return at > 0 ? k.substring(0, at) : k;
  }
  /**
   * Whether a value can be a key of this endpoint: it matches the key pattern, and the key the API takes is one
   * harmless path segment ({@link #isPathSegment}). Any other value matches no row, so it is never sent.
   */
  public boolean accepts(String key) {
    return key != null && key.matches(keyPattern) && isSafe(apiKey(key));
  }

  /**
   * Whether a key the API takes can be sent: one harmless path segment ({@link #isPathSegment}), or for a key in
   * the query string any text without control characters.
   */
  public boolean isSafe(String apiKey) {
    if (keyInQuery()) {
      return apiKey != null && !apiKey.isEmpty() && apiKey.chars().noneMatch(Character::isISOControl);
    }
    return isPathSegment(apiKey);
  }

  /**
   * Whether a key can stand in a URL path as one segment without changing the path: not empty, not made of dots
   * only ({@code .}, {@code ..} walk the path), and without {@code /}, {@code \}, {@code ?}, {@code #}, {@code %},
   * {@code ;} or control characters (separators, query and fragment marks, escapes, path parameters), which
   * servers and proxies may read as structure even when encoded.
   */
  public static boolean isPathSegment(String key) {
    if (key == null || key.isEmpty() || key.chars().allMatch(c -> c == '.')) {
      return false;
    }
    return key.chars().noneMatch(c -> c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || c == ';'
        || Character.isISOControl(c) || Character.isWhitespace(c));
  }

  /** The path for one key value, already URL-encoded by the caller. */
  public String path(String encodedKey) {
    return pathTemplate.replace("{key}", encodedKey);
  }
}
