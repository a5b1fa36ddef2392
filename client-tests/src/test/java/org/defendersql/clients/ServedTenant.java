package org.defendersql.clients;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.Entity;
import org.defendersql.server.DefenderServerTesting;

/**
 * An emulated tenant served by a real defender-sql server on a free port: what every client test connects to,
 * and the emulator's own rows it compares the client's answers with.
 */
final class ServedTenant implements AutoCloseable {
  final DefenderEmulator emulator;
  private final DefenderServerTesting.Running server;
  private boolean closed;

  private ServedTenant(DefenderEmulator emulator, DefenderServerTesting.Running server) {
    this.emulator = emulator;
    this.server = server;
  }

  /** A tenant of {@code alerts} alerts and {@code machines} machines, fixed in time so rows repeat run to run. */
  static ServedTenant start(int alerts, int machines) throws Exception {
    return serve(DefenderEmulator.builder().alerts(alerts).machines(machines).seed(42)
        .now(Instant.parse("2026-11-20T12:00:00Z")).build().start());
  }

  /** Serves an emulator this object then owns. */
  static ServedTenant serve(DefenderEmulator emulator) throws Exception {
    try {
      return new ServedTenant(emulator, DefenderServerTesting.serve(emulator));
    } catch (Exception | Error e) {
      emulator.close();
      throw e;
    }
  }

  /** Avatica's URL of the server ({@code jdbc:avatica:remote:url=http://127.0.0.1:PORT;serialization=protobuf}). */
  String jdbcUrl() {
    return server.jdbcUrl();
  }

  /** {@code http://127.0.0.1:PORT}, the server's address. */
  String httpAddress() {
    final String url = jdbcUrl();
    final int start = url.indexOf("url=") + 4;
    final int end = url.indexOf(';', start);
    return end < 0 ? url.substring(start) : url.substring(start, end);
  }

  /** The emulator's rows of a table. */
  List<Object[]> rows(Entity entity) {
    return emulator.data().rows(entity).collect(Collectors.toList());
  }

  /** The value of {@code column} in an emulator row of {@code entity}. */
  static Object value(Entity entity, Object[] row, String column) {
    return row[entity.indexOf(entity.column(column).orElseThrow())];
  }

  /** The API requests to {@code path} since the log was last cleared. */
  List<RecordedRequest> requests(String path) {
    return emulator.requestLog().stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
  }

  /** How a TIMESTAMP column reads an API instant: its UTC wall clock, to the millisecond. */
  static LocalDateTime utcWallClock(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
  }

  /** Stops the server and the emulator; a second call does nothing. */
  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } finally {
      emulator.close();
    }
  }
}
