package org.defendersql.emulator.data;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.defendersql.model.DefenderModel;

/**
 * What the API relates to a file, an account, an IP address, a domain or a machine, found by scanning the alerts
 * (regenerated with their evidence) the first time a key is asked for; the positions of the related alerts are
 * cached per key, within a bound on the positions held, so a tenant of a million alerts keeps bounded memory
 * while paging through one key's alerts costs a single scan.
 *
 * <ul>
 *   <li>a file (SHA-1): alerts with an evidence item of that SHA-1;
 *   <li>an account: alerts whose related user, logged-on users or evidence account name is the account;
 *   <li>an IP address: alerts with an evidence item of that address (the devices' own addresses relate nothing);
 *   <li>a domain: alerts with an evidence URL (or a {@code domains} host) on that domain or a subdomain of it;
 *   <li>a machine: the alerts that fired on it, found from each alert's incident without generating the alerts.
 * </ul>
 */
final class Relations {
  /** The most alert positions the cache holds, all keys together. */
  private static final long CACHE_POSITIONS = 4_000_000;
  private static final long HOUR = 3_600;

  private final AlertTable alerts;
  private final Instant now;
  private final RowShape shape = new RowShape(DefenderModel.ALERTS);
  private final int machineId = shape.index("machineId");
  private final int created = shape.index("alertCreationTime");
  private final int relatedUser = shape.index("relatedUser/userName");
  private final int loggedOn = shape.index("loggedOnUsers");
  private final int evidence = shape.index("evidence");
  private final int domains = shape.index("domains");
  private final int loAccount = shape.element("loggedOnUsers").index("accountName");
  private final int domainHost = shape.element("domains").index("host");
  private final ComplexShape ev = shape.element("evidence");
  private final int evSha1 = ev.index("sha1");
  private final int evFileName = ev.index("fileName");
  private final int evAccount = ev.index("accountName");
  private final int evIp = ev.index("ipAddress");
  private final int evUrl = ev.index("url");
  private final LinkedHashMap<String, int[]> cache = new LinkedHashMap<>(64, 0.75f, true);
  private long cached;
  private Map<String, FileStats> defaultStats;

  Relations(AlertTable alerts, Instant now) {
    this.alerts = alerts;
    this.now = now;
  }

  /** The positions, in alert order, of the alerts related to a key (normalised as {@link KeyKind} does). */
  int[] alerts(KeyKind kind, String key) {
    final String cacheKey = kind + " " + key;
    synchronized (cache) {
      final int[] hit = cache.get(cacheKey);
      if (hit != null) {
        return hit;
      }
    }
    final int[] found = scan(kind, key);
    synchronized (cache) {
      if (found.length <= CACHE_POSITIONS / 4 && cache.put(cacheKey, found) == null) {
        cached += found.length;
        final var it = cache.entrySet().iterator();
        while (cached > CACHE_POSITIONS && it.hasNext()) {
          cached -= it.next().getValue().length;
          it.remove();
        }
      }
    }
    return found;
  }

  /** Every alert tested, on all cores: alerts are generated independently from their index. */
  private int[] scan(KeyKind kind, String key) {
    if (kind == KeyKind.MACHINE) {
      // An alert's machine is drawn from its incident alone: no alert needs generating.
      return java.util.stream.IntStream.range(0, (int) alerts.size()).parallel()
          .filter(i -> key.equalsIgnoreCase(alerts.machineId(i))).toArray();
    }
    return java.util.stream.IntStream.range(0, (int) alerts.size()).parallel()
        .filter(i -> matches(kind, key, alerts.row(i, true))).toArray();
  }

  private boolean matches(KeyKind kind, String key, Object[] alert) {
    switch (kind) {
      case ACCOUNT:
        if (key.equalsIgnoreCase((String) alert[relatedUser])) {
          return true;
        }
        for (Object u : (List<?>) alert[loggedOn]) {
          if (key.equalsIgnoreCase((String) ((ComplexValue) u).value(loAccount))) {
            return true;
          }
        }
        return anyEvidence(alert, evAccount, key);
      case HASH:
        return anyEvidence(alert, evSha1, key);
      case IP:
        for (Object e : (List<?>) alert[evidence]) {
          final String ip = (String) ((ComplexValue) e).value(evIp);
          if (ip != null && key.equals(KeyKind.canonicalIp(ip))) {
            return true;
          }
        }
        return false;
      case DOMAIN:
        for (Object e : (List<?>) alert[evidence]) {
          if (onDomain(host((String) ((ComplexValue) e).value(evUrl)), key)) {
            return true;
          }
        }
        for (Object d : (List<?>) alert[domains]) {
          if (onDomain((String) ((ComplexValue) d).value(domainHost), key)) {
            return true;
          }
        }
        return false;
      default:
        throw new IllegalArgumentException("no alerts relate to a " + kind);
    }
  }

  private boolean anyEvidence(Object[] alert, int field, String key) {
    for (Object e : (List<?>) alert[evidence]) {
      if (key.equalsIgnoreCase((String) ((ComplexValue) e).value(field))) {
        return true;
      }
    }
    return false;
  }

  private static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      final String h = URI.create(url).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean onDomain(String host, String domain) {
    if (host == null) {
      return false;
    }
    final String h = host.toLowerCase(Locale.ROOT);
    return h.equals(domain) || h.endsWith("." + domain);
  }

  /** The machine ids of alerts at these positions, distinct, in order of first appearance. */
  List<String> machineIds(int[] positions) {
    final java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
    for (int p : positions) {
      final String id = alerts.machineId(p);
      if (id != null) {
        ids.add(id);
      }
    }
    return List.copyOf(ids);
  }

  // ---- file statistics

  /** The organisation statistics of a file over the last {@code lookBackHours} before the tenant's "now". */
  FileStats fileStats(String sha1, int lookBackHours) {
    if (lookBackHours == FileStats.DEFAULT_LOOK_BACK_HOURS) {
      return allFileStats().getOrDefault(sha1, FileStats.NONE);
    }
    final Acc acc = new Acc();
    final Instant since = now.minusSeconds(lookBackHours * HOUR);
    for (int p : alerts(KeyKind.HASH, sha1)) {
      add(acc, alerts.row(p, true), sha1, since);
    }
    return acc.stats();
  }

  /** Every file's statistics over the default 30 days, from one scan, kept for the tenant's life. */
  synchronized Map<String, FileStats> allFileStats() {
    if (defaultStats == null) {
      final Map<String, Acc> accs = new java.util.concurrent.ConcurrentHashMap<>();
      final Instant since = now.minusSeconds(FileStats.DEFAULT_LOOK_BACK_HOURS * HOUR);
      java.util.stream.IntStream.range(firstSince(since), (int) alerts.size()).parallel().forEach(i -> {
        final Object[] alert = alerts.row(i, true);
        for (String sha1 : sha1s(alert)) {
          add(accs.computeIfAbsent(sha1, k -> new Acc()), alert, sha1, since);
        }
      });
      final Map<String, FileStats> stats = new HashMap<>();
      accs.forEach((k, v) -> stats.put(k, v.stats()));
      defaultStats = stats;
    }
    return defaultStats;
  }

  /** The position of the first alert created at or after {@code since}: alerts are in creation order. */
  private int firstSince(Instant since) {
    int lo = 0;
    int hi = (int) alerts.size();
    while (lo < hi) {
      final int mid = (lo + hi) >>> 1;
      if (((Instant) alerts.row(mid, false)[created]).isBefore(since)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The distinct SHA-1s of an alert's evidence. */
  private java.util.Set<String> sha1s(Object[] alert) {
    final java.util.Set<String> s = new java.util.LinkedHashSet<>();
    for (Object e : (List<?>) alert[evidence]) {
      final String sha1 = (String) ((ComplexValue) e).value(evSha1);
      if (sha1 != null) {
        s.add(sha1);
      }
    }
    return s;
  }

  /** Adds an alert whose evidence names the file to the file's statistics, if created in the window. */
  private void add(Acc acc, Object[] alert, String sha1, Instant since) {
    final Instant at = (Instant) alert[created];
    if (at.isBefore(since)) {
      return;
    }
    final Instant seen = Instant.ofEpochSecond(at.getEpochSecond());
    synchronized (acc) {
      if (alert[machineId] != null) {
        acc.machines.add((String) alert[machineId]);
      }
      acc.first = acc.first == null || seen.isBefore(acc.first) ? seen : acc.first;
      acc.last = acc.last == null || seen.isAfter(acc.last) ? seen : acc.last;
      for (Object e : (List<?>) alert[evidence]) {
        final ComplexValue item = (ComplexValue) e;
        if (sha1.equalsIgnoreCase((String) item.value(evSha1)) && item.value(evFileName) != null) {
          acc.names.merge((String) item.value(evFileName), 1, Integer::sum);
        }
      }
    }
  }

  /** A file's statistics being summed up. */
  private static final class Acc {
    final java.util.Set<String> machines = new java.util.HashSet<>();
    final Map<String, Integer> names = new HashMap<>();
    Instant first;
    Instant last;

    FileStats stats() {
      final List<String> top = names.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(10).map(Map.Entry::getKey).toList();
      return new FileStats(machines.size(), first, last, top);
    }
  }
}
