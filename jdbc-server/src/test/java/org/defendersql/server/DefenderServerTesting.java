package org.defendersql.server;

import org.defendersql.emulator.DefenderEmulator;

/** Starts a server over an emulator for code outside this package (benchmarks). */
public final class DefenderServerTesting {
  private DefenderServerTesting() {
  }

  /** A running server; closing it stops the server, not the emulator. */
  public interface Running extends AutoCloseable {
    String jdbcUrl();

    @Override void close();
  }

  /** Serves the emulator on a free port of 127.0.0.1. */
  public static Running serve(DefenderEmulator emulator) throws Exception {
    return serve(TenantSource.emulated(emulator).model());
  }

  /** Serves a Calcite model (e.g. {@code DefenderModels.inline(operand)}) on a free port of 127.0.0.1. */
  public static Running serve(String model) throws Exception {
    final TenantSource tenant = new TenantSource(model, "benchmark", null);
    final DefenderServer server = DefenderServer.start(tenant, "127.0.0.1", 0);
    return new Running() {
      @Override public String jdbcUrl() {
        return server.jdbcUrl();
      }

      @Override public void close() {
        server.close();
      }
    };
  }
}
