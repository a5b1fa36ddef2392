package org.defendersql.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.settings.Setting;

/**
 * Command line of the defender-sql server. With no arguments it serves an emulated tenant started in-process;
 * with {@code --model FILE} the tenants of a Calcite model; with the {@code AZURE_*}/{@code DEFENDER_*}
 * environment variables set, that real tenant.
 */
public final class DefenderServerMain {
  private static final String USAGE = String.join("\n",
      "usage: defender-sql-server [--port N] [--host ADDRESS] [--query-timeout S] [--statement-idle S]",
      "                           [--model FILE | --emulator [--alerts N] [--machines N]]",
      "  --port N        port to listen on (default 8765; 0 = any free port)",
      "  --host ADDRESS  interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
      "  --model FILE    serve the schemas of this Calcite model file",
      "  --emulator      serve an emulated tenant even when the environment names a real one",
      "  --alerts N      alerts of the emulated tenant (default 20000)",
      "  --machines N    machines of the emulated tenant (default 2000)",
      "  --query-timeout S   stop any query after S seconds (default: no limit; a client may ask for less with",
      "                      the connection property queryTimeout)",
      "  --statement-idle S  close statements no client touched for S seconds, and cancel a request still running",
      "                      after S seconds, its client gone (default 300)",
      "Without --model or --emulator, the environment variables DEFENDER_SERVER_URL, AZURE_TENANT_ID,",
      "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_SECRET_FILE) select a real tenant; if none is set,",
      "an emulated tenant is served.",
      "",
      TestConnectionCommand.USAGE,
      "  gets a token and probes each table's permission (Alert.Read.All, Machine.Read.All, ...) for the tenant of",
      "  the environment, of the model, or of an emulated tenant; prints a verdict and the fix for each failure;",
      "  exits 0 when everything works, 1 otherwise.");

  private DefenderServerMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("test-connection")) {
      System.exit(TestConnectionCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System::getenv,
          System.out));
    }
    int port = 8765;
    String host = "127.0.0.1";
    Path model = null;
    boolean emulator = false;
    int alerts = 20_000;
    int machines = 2_000;
    ServerLimits limits = ServerLimits.DEFAULT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
      case "--port" -> port = Integer.parseInt(value(args, ++i));
      case "--host" -> host = value(args, ++i);
      case "--model" -> model = Path.of(value(args, ++i));
      case "--emulator" -> emulator = true;
      case "--alerts" -> alerts = Integer.parseInt(value(args, ++i));
      case "--machines" -> machines = Integer.parseInt(value(args, ++i));
      case "--query-timeout" -> limits = limits.withQueryTimeout(Duration.ofSeconds(Long.parseLong(value(args, ++i))));
      case "--statement-idle" -> {
        final Duration idle = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
        limits = new ServerLimits(idle, max(limits.connectionIdle(), idle.multipliedBy(2)), limits.queryTimeout());
      }
      case "--help", "-h" -> {
        System.out.println(USAGE);
        return;
      }
      default -> fail("unknown argument " + args[i]);
      }
    }
    final long start = System.nanoTime();
    final TenantSource tenant;
    if (model != null) {
      if (!Files.isReadable(model)) {
        fail("cannot read the model file " + model);
      }
      tenant = TenantSource.modelFile(model);
    } else if (!emulator && environmentNamesTenant()) {
      tenant = TenantSource.environment();
    } else {
      tenant = TenantSource.emulated(DefenderEmulator.builder().alerts(alerts).machines(machines).build().start());
    }
    final DefenderServer server = DefenderServer.start(tenant, host, port, limits);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "defender-sql-shutdown"));
    System.out.println(banner(server, (System.nanoTime() - start) / 1_000_000));
    Thread.currentThread().join();
  }

  static String banner(DefenderServer server, long startMillis) {
    final String url = server.jdbcUrl();
    return String.join("\n",
        "defender-sql is serving " + server.description() + String.format(Locale.ROOT, " (started in %.1f s)",
            startMillis / 1000.0),
        "  JDBC URL:     " + url,
        "  JDBC driver:  org.apache.calcite.avatica.remote.Driver"
            + " (one jar, nothing else needed: jdbc-driver/target/defender-sql-jdbc-driver.jar)",
        "  sqlline:      java -cp 'jdbc-server/target/lib/*' sqlline.SqlLine"
            + " -d org.apache.calcite.avatica.remote.Driver"
            + " -u '" + url + "' -n analyst -p '' --isolation=TRANSACTION_NONE --maxWidth=200",
        "  try:          select severity, count(*) from alerts group by severity;",
        "Stop with Ctrl-C.");
  }

  private static boolean environmentNamesTenant() {
    for (Setting s : new Setting[] {Setting.SERVER_URL, Setting.TENANT_ID, Setting.CLIENT_ID}) {
      final String v = System.getenv(s.env);
      if (v != null && !v.isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("defender-sql-server: " + message + "\n" + USAGE);
    System.exit(2);
  }
}
