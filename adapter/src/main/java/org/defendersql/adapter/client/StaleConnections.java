package org.defendersql.adapter.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells a request that failed on a pooled connection which had served requests before from one that failed on a
 * fresh connection. A pooled connection idle for a while may have been closed by the API's front end or a proxy
 * without the client noticing; the request then fails at once (connection reset, unexpected end of stream), and
 * is worth sending again at once on a fresh connection, without the back-off meant for a struggling service.
 * OkHttp's own silent retry is off (it would escape the call budget), so this network interceptor marks such a
 * failure as {@link Stale} for {@link DefenderClient} to retry.
 */
final class StaleConnections implements Interceptor {
  /** A failure on a reused connection; its cause is what OkHttp threw. */
  static final class Stale extends IOException {
    private static final long serialVersionUID = 1L;

    Stale(IOException cause) {
      super("a pooled connection that had been idle failed (" + cause + ")", cause);
    }

    /** What OkHttp threw. */
    IOException failure() {
      return (IOException) getCause();
    }
  }

  /** Connections that answered a request: seen again, they are reused. Weak, so closed ones are forgotten. */
  private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  @Override public Response intercept(Chain chain) throws IOException {
    final Connection connection = chain.connection();
    final boolean reused = connection != null && used.contains(connection);
    try {
      final Response response = chain.proceed(chain.request());
      if (connection != null) {
        used.add(connection);
      }
      return response;
    } catch (IOException e) {
      // A timeout is the service being slow, not a dead connection.
      if (reused && !(e instanceof InterruptedIOException)) {
        throw new Stale(e);
      }
      throw e;
    }
  }
}
