package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.Test;

/**
 * Java {@code Error}s of one statement reach its client as Avatica errors with a SQLState (not Jetty's HTML page
 * with a stack trace), and the server goes on serving.
 */
class JavaErrorsTest {
  @Test void threeThousandOrsAreAnErrorWithASqlStateAndTheServerGoesOn() throws Exception {
    try (DefenderEmulator emulator = SecureServers.emulator();
         DefenderServer server = SecureServers.serve(emulator, "127.0.0.1", SecurityOptions.NONE);
         Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      final String ors = IntStream.range(0, 3_000).mapToObj(i -> "title = 'no such title " + i + "'")
          .collect(Collectors.joining(" or "));
      try (Statement s = c.createStatement()) {
        final SQLException e = assertThrows(SQLException.class,
            () -> s.executeQuery("select id from alerts where " + ors).close());
        assertFalse(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("<html"), e.getMessage());
        assertEquals("54001", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
      }
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(c));
      assertEquals(SecureServers.machineIds(emulator), SecureServers.machineIds(server.jdbcUrl(),
          new java.util.Properties()));
    }
  }

  @Test void anExhaustedHeapInAStatementIsAnErrorWithASqlState() {
    final Service failing = (Service) Proxy.newProxyInstance(Service.class.getClassLoader(),
        new Class<?>[] {Service.class}, (proxy, method, args) -> {
          throw new RuntimeException("wrapped", new OutOfMemoryError("Java heap space"));
        });
    final AvaticaRuntimeException e = assertThrows(AvaticaRuntimeException.class,
        () -> ErrorReportingService.of(failing).apply(new Service.CatalogsRequest("c")));
    assertEquals("53200", e.getSqlState());
    assertTrue(e.getErrorMessage().contains("more memory than the server has"), e.getErrorMessage());
  }
}
