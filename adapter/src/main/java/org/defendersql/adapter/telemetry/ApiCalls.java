package org.defendersql.adapter.telemetry;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Where the adapter's calls to the web APIs are told: to the listeners of the whole JVM (metrics) and to the
 * listener of the current thread's scope (the audit of the statement being served), which follows the work a
 * statement hands to other threads ({@link #propagating}).
 */
public final class ApiCalls {
  private static final List<ApiCallListener> GLOBAL = new CopyOnWriteArrayList<>();
  private static final ThreadLocal<ApiCallListener> SCOPE = new ThreadLocal<>();
  private static final Interceptor INTERCEPTOR = ApiCalls::intercept;

  private ApiCalls() {
  }

  /** A scope that ends when closed; closing restores the scope it replaced. */
  public interface Scope extends AutoCloseable {
    @Override void close();
  }

  /** Tells {@code listener} of every call from now on, until {@link #remove}. */
  public static void add(ApiCallListener listener) {
    GLOBAL.add(listener);
  }

  /** Stops telling {@code listener}. */
  public static void remove(ApiCallListener listener) {
    GLOBAL.remove(listener);
  }

  /** Tells {@code listener} of the calls this thread makes (and the work it hands on) until the scope closes. */
  public static Scope scope(ApiCallListener listener) {
    final ApiCallListener before = SCOPE.get();
    SCOPE.set(listener);
    return () -> {
      if (before == null) {
        SCOPE.remove();
      } else {
        SCOPE.set(before);
      }
    };
  }

  /** The work, to run on another thread within the current thread's scope. */
  public static <T> Supplier<T> propagating(Supplier<T> work) {
    final ApiCallListener listener = SCOPE.get();
    if (listener == null) {
      return work;
    }
    return () -> {
      try (Scope ignored = scope(listener)) {
        return work.get();
      }
    };
  }

  /** The HTTP client's interceptor that reports each call. */
  public static Interceptor interceptor() {
    return INTERCEPTOR;
  }

  /** A call waited {@code nanos} for the call budget. */
  public static void throttled(long nanos) {
    final ApiCallListener scoped = SCOPE.get();
    if (scoped != null) {
      safely(() -> scoped.throttled(nanos));
    }
    for (ApiCallListener l : GLOBAL) {
      safely(() -> l.throttled(nanos));
    }
  }

  /** A token was fetched (or its fetch failed). */
  public static void tokenFetched(boolean ok) {
    final ApiCallListener scoped = SCOPE.get();
    if (scoped != null) {
      safely(() -> scoped.tokenFetched(ok));
    }
    for (ApiCallListener l : GLOBAL) {
      safely(() -> l.tokenFetched(ok));
    }
  }

  private static Response intercept(Interceptor.Chain chain) throws IOException {
    final Request request = chain.request();
    final long start = System.nanoTime();
    int status = ApiCall.NO_ANSWER;
    try {
      final Response response = chain.proceed(request);
      status = response.code();
      return response;
    } finally {
      report(new ApiCall(request.method(), request.url().toString(), Endpoints.of(request.url().encodedPath()),
          status, System.nanoTime() - start));
    }
  }

  static void report(ApiCall call) {
    final ApiCallListener scoped = SCOPE.get();
    if (scoped != null) {
      safely(() -> scoped.called(call));
    }
    for (ApiCallListener l : GLOBAL) {
      safely(() -> l.called(call));
    }
  }

  /** A listener's failure must never fail the call it is told of. */
  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // nothing to do: observing is best effort
    }
  }
}
