package org.defendersql.emulator.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The emulator's {@code $skiptoken}s: opaque to clients (Graph's advice is to follow {@code @odata.nextLink} as
 * received), they hold the position in the table where the next page's scan starts, so reading page after page
 * costs one pass over the table, not one per page.
 */
final class SkipTokens {
  private SkipTokens() {
  }

  private static final String PREFIX = "emulator-page:";

  static String encode(long position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position)
        .getBytes(StandardCharsets.US_ASCII));
  }

  /** The position a token names, or -1 when the text is not a token of this emulator. */
  static long decode(String token) {
    final String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (!text.startsWith(PREFIX) || !text.substring(PREFIX.length()).matches("[0-9]{1,18}")) {
      return -1;
    }
    return Long.parseLong(text.substring(PREFIX.length()));
  }
}
