package org.defendersql.server.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.defendersql.adapter.client.DefenderClient;
import org.defendersql.adapter.telemetry.ApiCalls;
import org.defendersql.model.Api;
import org.defendersql.model.DefenderModel;

/**
 * Whether the server can serve its tenants, for a load balancer or an orchestrator: for each Defender schema, is a
 * token to be had, and does the API answer. The answer is kept for a while ({@code every}) so that frequent
 * probes cost the tenant's call budget at most one request per schema per period; a request of a client that
 * succeeded within the period proves the API answers without any.
 */
public final class HealthCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer: up or not, and the JSON body that says why. */
  public record Result(boolean up, String json) {
  }

  private final Supplier<Map<String, DefenderClient>> schemas;
  private final ServerObserver observer;
  private final long everyNanos;
  private final LongSupplier nanos;
  private final Clock clock;
  private Result cached;
  private long cachedAt;

  /**
   * @param schemas the Defender schemas the server serves, by name, with their clients
   * @param every   how long an answer is kept
   */
  public HealthCheck(Supplier<Map<String, DefenderClient>> schemas, ServerObserver observer, Duration every) {
    this(schemas, observer, every, System::nanoTime, Clock.systemUTC());
  }

  HealthCheck(Supplier<Map<String, DefenderClient>> schemas, ServerObserver observer, Duration every,
      LongSupplier nanos, Clock clock) {
    this.schemas = schemas;
    this.observer = observer;
    this.everyNanos = every.toNanos();
    this.nanos = nanos;
    this.clock = clock;
  }

  /** The health now, or as checked within the period. */
  public synchronized Result check() {
    final long now = nanos.getAsLong();
    if (cached != null && now - cachedAt < everyNanos) {
      return cached;
    }
    cached = run();
    cachedAt = nanos.getAsLong();
    return cached;
  }

  private Result run() {
    final ObjectNode body = JSON.createObjectNode();
    body.put("checked_at", clock.instant().toString());
    final ArrayNode list = body.putArray("schemas");
    boolean up = true;
    final Map<String, DefenderClient> clients;
    try {
      clients = schemas.get();
    } catch (RuntimeException e) {
      body.put("status", "down");
      body.put("error", "the server's schemas cannot be read: " + e.getMessage());
      return new Result(false, body.toString());
    }
    for (Map.Entry<String, DefenderClient> e : clients.entrySet()) {
      final ObjectNode s = list.addObject();
      s.put("schema", e.getKey());
      up &= check(e.getValue(), clients.size() == 1, s);
    }
    if (clients.isEmpty()) {
      up = false;
      body.put("error", "the server serves no Defender schema");
    }
    body.put("status", up ? "up" : "down");
    return new Result(up, body.toString());
  }

  /** Checks one tenant: its token, then its API (unless a client's request just proved it); true if both work. */
  private boolean check(DefenderClient client, boolean onlySchema, ObjectNode out) {
    final boolean mde = client.config().apis().reads(Api.MDE);
    out.put("api", mde ? "Defender API" : "Microsoft Graph");
    try {
      if (mde) {
        client.checkToken();
      } else {
        client.checkGraphToken();
      }
      out.put("token", "ok");
    } catch (RuntimeException e) {
      out.put("token", "failed");
      out.put("error", e.getMessage());
      return false;
    }
    final long since = observer.sinceLastApiSuccess();
    if (onlySchema && since < everyNanos) {
      out.put("requests", "ok");
      out.put("last_success_seconds_ago", since / 1_000_000_000L);
      return true;
    }
    try (ApiCalls.Scope ignored = ApiCalls.scope(observer.listener(null))) {
      client.probe(mde ? DefenderModel.ALERTS : DefenderModel.GRAPH_ALERTS);
      out.put("requests", "ok");
      return true;
    } catch (RuntimeException e) {
      out.put("requests", "failed");
      out.put("error", e.getMessage());
      return false;
    }
  }
}
