package org.defendersql.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.calcite.avatica.remote.Service;
import org.defendersql.server.security.ResourceErrors;

/**
 * The Avatica {@link Service} of the server, answering every failure as {@link ClientErrors} makes it: Avatica's
 * handlers send the SQLState, vendor code and message of an {@code AvaticaRuntimeException} as they are. Java
 * {@code Error}s too, which Avatica's handlers would let through to Jetty's HTML error page: a statement that
 * overflows the stack (thousands of ORs) or exhausts the heap is answered as such ({@link ResourceErrors}), and
 * the server goes on serving once the statement's stack has unwound.
 */
final class ErrorReportingService {
  private ErrorReportingService() {
  }

  static Service of(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException e) {
            final Throwable cause = e.getCause();
            final ResourceErrors.Failure resource = ResourceErrors.of(cause).orElse(null);
            if (resource != null) {
              throw new ClientError(resource.message(), resource.sqlState());
            }
            throw ClientErrors.of(cause);
          }
        });
  }
}
