package org.defendersql.model;

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
 */
public record Lookup(String pathTemplate, String keyColumn, boolean single, String keyPattern,
    boolean accountName) {

  /** A lookup whose keys are sent as they are. */
  public Lookup(String pathTemplate, String keyColumn, boolean single, String keyPattern) {
    this(pathTemplate, keyColumn, single, keyPattern, false);
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
    return key != null && key.matches(keyPattern) && isPathSegment(apiKey(key));
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
