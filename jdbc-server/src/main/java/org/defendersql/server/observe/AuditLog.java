package org.defendersql.server.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.defendersql.server.security.SecurityEvents;

/**
 * The audit log: one JSON line per statement execution (who, from where, which SQL with which parameters, the API
 * requests it caused, rows, duration, outcome and SQLState) and per refused login or refused request. Lines are
 * appended and flushed one by one, so a crash loses none that was written. Nothing secret is written: no
 * password, token or client secret ever reaches it (credentials are not part of any statement or request line).
 */
final class AuditLog implements StatementSink, SecurityEvents, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Writer out;
  private final Clock clock;
  private final boolean closeOut;

  private AuditLog(Writer out, Clock clock, boolean closeOut) {
    this.out = out;
    this.clock = clock;
    this.closeOut = closeOut;
  }

  /** An audit log appended to {@code file} (made if missing); {@code -} writes to standard output. */
  static AuditLog open(String file, Clock clock) throws IOException {
    if ("-".equals(file)) {
      return new AuditLog(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), clock,
          false);
    }
    final Path path = Path.of(file);
    final OutputStream os = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
    return new AuditLog(new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8)), clock, true);
  }

  /** An audit log written to {@code out} (for tests). */
  static AuditLog to(Writer out, Clock clock) {
    return new AuditLog(out, clock, false);
  }

  @Override public void finished(FinishedStatement f) {
    final StatementRecord r = f.record();
    final ObjectNode line = JSON.createObjectNode();
    line.put("time", r.start.toString());
    line.put("event", "statement");
    line.put("user", r.user);
    line.put("client", r.clientAddress);
    line.put("connection", r.connectionId);
    line.put("statement", r.statementId);
    line.put("sql", r.sql);
    final ArrayNode params = line.putArray("parameters");
    r.parameters.forEach(p -> params.add(JSON.valueToTree(p)));
    final ObjectNode api = line.putObject("api_requests");
    api.put("count", f.apiCalls());
    final ArrayNode urls = api.putArray("first_urls");
    f.firstUrls().forEach(urls::add);
    final ObjectNode statuses = api.putObject("statuses");
    for (Map.Entry<Integer, Integer> e : new java.util.TreeMap<>(f.statuses()).entrySet()) {
      statuses.put(e.getKey() < 0 ? "none" : Integer.toString(e.getKey()), e.getValue());
    }
    api.put("throttled_ms", TimeUnit.NANOSECONDS.toMillis(f.throttledNanos()));
    line.put("rows", f.rows());
    line.put("duration_ms", TimeUnit.NANOSECONDS.toMillis(f.durationNanos()));
    line.put("outcome", f.outcome().label());
    line.put("sqlstate", f.sqlState());
    line.put("error", f.error());
    write(line);
  }

  @Override public void authenticationFailed(String scheme, String user, String clientAddress) {
    final ObjectNode line = JSON.createObjectNode();
    line.put("time", clock.instant().toString());
    line.put("event", "authentication_failed");
    line.put("scheme", scheme);
    line.put("user", user);
    line.put("client", clientAddress);
    write(line);
  }

  @Override public void refused(int status, String clientAddress) {
    final ObjectNode line = JSON.createObjectNode();
    line.put("time", clock.instant().toString());
    line.put("event", "request_refused");
    line.put("status", status);
    line.put("client", clientAddress);
    write(line);
  }

  private synchronized void write(ObjectNode line) {
    try {
      // Jackson escapes line breaks inside values: one event, one line, whatever the SQL holds.
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the audit log: " + e.getMessage(), e);
    }
  }

  @Override public synchronized void close() throws IOException {
    if (closeOut) {
      out.close();
    } else {
      out.flush();
    }
  }
}
