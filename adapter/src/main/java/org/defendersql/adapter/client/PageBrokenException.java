package org.defendersql.adapter.client;

/**
 * A page whose body could not be read to its end (truncated or malformed JSON). It is worth one more try,
 * skipping the rows already returned, because proxies and dropped connections cut pages, not the service's data.
 */
final class PageBrokenException extends DefenderException {
  private static final long serialVersionUID = 1L;

  PageBrokenException(String message, Throwable cause) {
    super(ErrorKind.BROKEN_ANSWER, message, 0, null, cause);
  }
}
