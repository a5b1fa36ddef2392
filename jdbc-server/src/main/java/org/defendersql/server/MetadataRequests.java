package org.defendersql.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.calcite.avatica.remote.Service;

/**
 * Marks the thread that answers a catalogue request ({@code getTables}, {@code getColumns}), so that a view of
 * the model that does not work lists without columns rather than failing the whole catalogue
 * ({@link ServerView}).
 */
final class MetadataRequests {
  private static final ThreadLocal<Boolean> LISTING = ThreadLocal.withInitial(() -> false);

  private MetadataRequests() {
  }

  /** Whether this thread is answering a catalogue request. */
  static boolean listing() {
    return LISTING.get();
  }

  static Service of(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          final boolean catalogue = args != null && args.length == 1
              && (args[0] instanceof Service.TablesRequest || args[0] instanceof Service.ColumnsRequest);
          if (catalogue) {
            LISTING.set(true);
          }
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            if (catalogue) {
              LISTING.set(false);
            }
          }
        });
  }
}
