package org.defendersql.server.security;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import org.apache.calcite.avatica.remote.Service;

/**
 * The authenticated user who opened each connection, kept for what needs a connection's user (audit, per-user
 * limits) and used to keep users apart: a request naming a connection another user opened is refused, so a
 * connection id that leaks (a log line, a shared screen) gives no one else that connection. On a server without
 * authentication there are no users and nothing is checked.
 *
 * <p>An owner is forgotten when its connection is closed, or after twice the idle time after which the server
 * closes an untouched connection (every request naming the connection touches both). A request on a connection
 * whose owner is not known is refused as for a connection that does not exist.
 */
public final class ConnectionOwners {
  private static final ClassValue<Field> CONNECTION_ID = new ClassValue<>() {
    @Override protected Field computeValue(Class<?> type) {
      try {
        return type.getField("connectionId");
      } catch (NoSuchFieldException e) {
        return null;
      }
    }
  };

  private final Cache<String, String> owners;

  /** @param connectionIdle how long the server keeps a connection no request touched */
  public ConnectionOwners(Duration connectionIdle) {
    this.owners = CacheBuilder.newBuilder().expireAfterAccess(connectionIdle.multipliedBy(2)).build();
  }

  /** The user who opened {@code connectionId}, while it is open. */
  public Optional<String> owner(String connectionId) {
    return Optional.ofNullable(owners.getIfPresent(connectionId));
  }

  /** {@code service} with every request checked against, and recorded as, its connection's user. */
  public Service guard(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          final Service.Request request = args != null && args.length == 1
              && args[0] instanceof Service.Request r ? r : null;
          final String user = RequestUser.current().orElse(null);
          final String id = request == null || user == null ? null : connectionId(request);
          if (id != null) {
            admit(request, id, user);
          }
          try {
            final Object result = method.invoke(service, args);
            if (id != null && request instanceof Service.CloseConnectionRequest) {
              owners.invalidate(id);
            }
            return result;
          } catch (InvocationTargetException e) {
            if (id != null && request instanceof Service.OpenConnectionRequest) {
              owners.asMap().remove(id, user);
            }
            throw e.getCause();
          }
        });
  }

  private void admit(Service.Request request, String id, String user) {
    if (request instanceof Service.OpenConnectionRequest) {
      final String before = owners.asMap().putIfAbsent(id, user);
      if (before != null && !before.equals(user)) {
        throw new Refused("The connection " + id + " is another user's; open a connection of your own",
            "42501");
      }
      return;
    }
    final String owner = owners.getIfPresent(id);
    if (owner == null) {
      throw new Refused("The connection " + id + " does not exist (closed, or expired after being idle);"
          + " open a new one", "08003");
    }
    if (!owner.equals(user)) {
      throw new Refused("The connection " + id + " is another user's; open a connection of your own", "42501");
    }
  }

  /** The connection a request names, or null for one that names none. */
  private static String connectionId(Service.Request request) {
    if (request instanceof Service.ExecuteRequest e) {
      return e.statementHandle == null ? null : e.statementHandle.connectionId;
    }
    final Field f = CONNECTION_ID.get(request.getClass());
    try {
      return f == null ? null : (String) f.get(request);
    } catch (IllegalAccessException e) {
      return null;
    }
  }
}
