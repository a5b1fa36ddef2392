package org.defendersql.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.calcite.avatica.remote.Service;

/**
 * The Avatica {@link Service} of the server, answering every failure as {@link ClientErrors} makes it: Avatica's
 * handlers send the SQLState, vendor code and message of an {@code AvaticaRuntimeException} as they are.
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
            if (cause instanceof RuntimeException
                || cause instanceof Error && !(cause instanceof VirtualMachineError)) {
              throw ClientErrors.of(cause);
            }
            throw cause;
          }
        });
  }
}
