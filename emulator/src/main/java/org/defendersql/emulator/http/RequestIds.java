package org.defendersql.emulator.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in the Application Insights style the real service shows: {@code |f712eef2-447d37a1beaf6d2b.}. */
final class RequestIds {
  private RequestIds() {
  }

  static String next() {
    final ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("|%08x-%016x.", r.nextInt(), r.nextLong());
  }
}
