package org.defendersql.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.limits.ApiBudgetKeeper;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.EntraOptions;
import org.defendersql.server.security.HashPasswordCommand;
import org.defendersql.server.security.SecretReference;
import org.defendersql.server.security.SecurityConfigException;
import org.defendersql.server.security.SecurityOptions;
import org.defendersql.server.security.ServerSecurity;
import org.defendersql.server.security.TlsKeyStore;

/**
 * Command line of the defender-sql server. With no arguments it serves an emulated tenant started in-process;
 * with {@code --model FILE} the tenants of a Calcite model; with the {@code AZURE_*}/{@code DEFENDER_*}
 * environment variables set, that real tenant.
 */
public final class DefenderServerMain {
  /** Calcite's cache of compiled plans, as a system property; read once, when Calcite's classes load. */
  static final String BINDABLE_CACHE = "calcite.bindable.cache.maxSize";

  static {
    // Calcite compiles every statement's plan to Java with Janino, the largest fixed cost of a point lookup; with
    // this cache a statement whose code was seen before (a prepared statement, a dashboard's repeated query)
    // reuses the compiled class. Calcite bypasses the cache for code with static state. First, so that it is set
    // before any Calcite class reads it; an operator's -D wins.
    if (System.getProperty(BINDABLE_CACHE) == null) {
      System.setProperty(BINDABLE_CACHE, "1000");
    }
  }

  /** The environment variable the TLS key store's password is read from unless told otherwise. */
  static final String KEYSTORE_PASSWORD_ENV = "DEFENDER_SQL_TLS_KEYSTORE_PASSWORD";

  private static final String USAGE = String.join("\n",
      "usage: defender-sql-server [--port N] [--host ADDRESS] [--query-timeout S] [--statement-idle S]",
      "                           [--auth basic|digest|none --users FILE]",
      "                           [--auth entra --entra-tenant ID --entra-audience AUD [--entra-authority URL]",
      "                           [--entra-required-role NAME] [--entra-ca-cert FILE]]",
      "                           [--tls-keystore FILE [--tls-keystore-password env:NAME|file:PATH]",
      "                           [--tls-keystore-type TYPE]]",
      "                           [--public-host NAME]... [--max-request-bytes N] [--audit-log FILE]",
      "                           [--budget-state FILE]",
      "                           [--shutdown-grace S] [--max-statement-rows N] [--max-connections[-per-user] N]",
      "                           [--max-statements[-per-user] N] [--max-running[-per-user] N]",
      "                           [--max-user-lookups-per-hour N]",
      "                           [--model FILE | --emulator [--alerts N] [--machines N]]",
      "  --port N        port to listen on (default 8765; 0 = any free port)",
      "  --host ADDRESS  interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface, which needs --auth)",
      "  --auth MODE     basic or digest: clients authenticate (Avatica's authentication, avatica_user and",
      "                  avatica_password); none (the default) only on loopback",
      "  --users FILE    the users and their password hashes, one 'user: MD5:hash' line each; make a line with",
      "                  defender-sql-server hash-password --auth MODE USER",
      "  --auth entra    clients send a Microsoft Entra ID access token (authentication=BEARER and bearer_token",
      "                  or bearer_token_provider_class); the server user is its preferred_username, else upn,",
      "                  else oid (app-only tokens)",
      "  --entra-tenant ID        the tenant (GUID or domain) whose RS256 tokens are accepted (v1 and v2 issuers)",
      "  --entra-audience AUD     the server's app ID URI (api://...) and/or client id; repeat or separate with",
      "                           commas (v1 tokens carry the URI, v2 tokens the client id)",
      "  --entra-authority URL    default " + EntraOptions.PUBLIC_CLOUD + "; the tenant's signing keys are read",
      "                           from URL/TENANT/v2.0/.well-known/openid-configuration",
      "  --entra-required-role NAME  an app role (roles) or delegated scope (scp) every token must carry",
      "  --entra-ca-cert FILE     PEM CA to trust for the authority's HTTPS (TLS inspection)",
      "  --tls-keystore FILE            serve HTTPS with the certificate and key of this PKCS12 (or JKS) key store;",
      "                                 clients set truststore and truststore_password",
      "  --tls-keystore-password REF    env:NAME or file:PATH holding the key store's password (default",
      "                                 env:" + KEYSTORE_PASSWORD_ENV + "); a password written here is accepted",
      "                                 with a warning",
      "  --tls-keystore-type TYPE       PKCS12 (default) or JKS",
      "  --public-host NAME  a name clients reach the server by (DNS name, proxy), accepted in the Host header",
      "                      besides the server's own addresses; repeat or separate with commas",
      "  --max-request-bytes N  largest request body read (default 16m; k, m and g suffixes are KiB, MiB, GiB)",
      "  --audit-log FILE  append one JSON line per statement (user, client, SQL, API requests, rows, outcome) and",
      "                    per refused login to FILE ('-' for standard output); default: no audit log",
      "  --budget-state FILE  keep the Defender API call budgets (the calls of the last hour per app) in FILE,",
      "                    written every 30 s and at shutdown and read at start, so that a restarted server does not",
      "                    start with a full budget the API would throttle; default: not kept",
      "  --model FILE    serve the schemas of this Calcite model file",
      "  --emulator      serve an emulated tenant even when the environment names a real one",
      "  --alerts N      alerts of the emulated tenant (default 20000)",
      "  --machines N    machines of the emulated tenant (default 2000)",
      "  --query-timeout S   stop any query after S seconds (default 900; 0 for no limit; a client may ask for",
      "                      less with the connection property queryTimeout)",
      "  --max-statement-rows N   rows one statement may hold in memory to sort, join or combine (default",
      "                           1000000); beyond, the statement fails with SQLState 53400",
      "  --max-connections N, --max-connections-per-user N   open connections in all (default 400) and of one",
      "                           authenticated user (default 20); the next is refused, none is ever evicted",
      "  --max-statements N, --max-statements-per-user N     open statements in all (default 4000) and of one",
      "                           user (default 200)",
      "  --max-running N, --max-running-per-user N           statements executing or fetching at once in all",
      "                           (default 16) and of one user (default 4); beyond, a statement waits up to 20 s",
      "                           for its turn, then is refused",
      "  --max-user-lookups-per-hour N  keyed API requests (one per key: /api/files/{sha1}, ...) one authenticated",
      "                           user may send in any hour (default 500; the app's budget is 1500 an hour)",
      "  --statement-idle S  close statements no client touched for S seconds, and cancel a request still running",
      "                      after S seconds, its client gone (default 300)",
      "  --shutdown-grace S  on SIGTERM or Ctrl-C, stop accepting connections and let running statements end for",
      "                      up to S seconds before cancelling them (default 30)",
      "Without --model or --emulator, the environment variables DEFENDER_SERVER_URL, AZURE_TENANT_ID,",
      "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_SECRET_FILE) select a real tenant; if none is set,",
      "an emulated tenant is served.",
      "",
      HashPasswordCommand.USAGE,
      "",
      TestConnectionCommand.USAGE,
      "  gets a token and probes each table's permission (Alert.Read.All, Machine.Read.All, ...) for the tenant of",
      "  the environment, of the model, or of an emulated tenant; prints a verdict and the fix for each failure;",
      "  exits 0 when everything works, 1 otherwise.",
      "",
      CheckConfigCommand.USAGE);

  private DefenderServerMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("test-connection")) {
      System.exit(TestConnectionCommand.run(Arrays.copyOfRange(args, 1, args.length), System::getenv,
          System.out));
    }
    if (args.length > 0 && args[0].equals("check-config")) {
      System.exit(CheckConfigCommand.run(Arrays.copyOfRange(args, 1, args.length), System::getenv, System.out));
    }
    if (args.length > 0 && args[0].equals("hash-password")) {
      System.exit(HashPasswordCommand.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out,
          System.err));
    }
    final ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (ServerOptions.UsageException e) {
      fail(e.getMessage());
      return;
    } catch (SecurityConfigException e) {
      refuse(e.getMessage());
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    final String host = options.host();
    final SecurityOptions securityOptions;
    try {
      securityOptions = options.securityOptions(System::getenv, DefenderServerMain::warn);
      // Before the tenant starts: a server that may not listen there stops at once.
      ServerSecurity.prepare(host, securityOptions);
    } catch (SecurityConfigException e) {
      refuse(e.getMessage());
      return;
    }
    final ApiBudgetKeeper budgets;
    try {
      budgets = options.budgetState() == null ? null
          : ApiBudgetKeeper.start(options.budgetState(), ApiBudgetKeeper.PERIOD);
    } catch (IOException e) {
      refuse(e.getMessage());
      return;
    }
    final long start = System.nanoTime();
    final TenantSource tenant;
    final Path model = options.model();
    if (model != null) {
      if (!Files.isReadable(model)) {
        fail("cannot read the model file " + model);
      }
      tenant = TenantSource.modelFile(model);
    } else if (options.servesEnvironment(System::getenv)) {
      tenant = TenantSource.environment();
    } else {
      tenant = TenantSource.emulated(DefenderEmulator.builder().alerts(options.alerts())
          .machines(options.machines()).build().start());
    }
    final DefenderServer server;
    try {
      server = DefenderServer.start(tenant, host, options.port(), options.limits(), securityOptions,
          options.auditLog());
    } catch (SecurityConfigException e) {
      refuse(e.getMessage());
      return;
    } catch (java.sql.SQLException e) {
      if (tenant.emulator() != null) {
        tenant.emulator().close();
      }
      refuse(e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown(options.shutdownGrace());
      if (budgets != null) {
        budgets.close();
      }
    }, "defender-sql-shutdown"));
    System.out.println(banner(server, (System.nanoTime() - start) / 1_000_000));
    Thread.currentThread().join();
  }

  static String banner(DefenderServer server, long startMillis) {
    final String url = server.jdbcUrl() + clientOptions(server);
    // The launcher of the packaged distribution names its directory; otherwise this runs from the source tree.
    final String home = System.getProperty("defender-sql.home");
    final String driver = home == null ? "jdbc-driver/target" : home + "/driver";
    final String lib = home == null ? "jdbc-server/target/lib" : home + "/lib";
    return String.join("\n",
        "defender-sql is serving " + server.description() + String.format(Locale.ROOT, " (started in %.1f s)",
            startMillis / 1000.0),
        "  JDBC URL:     " + url,
        "  JDBC driver:  org.apache.calcite.avatica.remote.Driver"
            + " (one jar, nothing else needed: " + driver + "/defender-sql-jdbc-driver.jar)",
        "  sqlline:      java -cp '" + lib + "/*' sqlline.SqlLine"
            + " -d org.apache.calcite.avatica.remote.Driver"
            + " -u '" + url + "' -n analyst -p '' --isolation=TRANSACTION_NONE --maxWidth=200",
        "  try:          select severity, count(*) from alerts group by severity;",
        "  health:       " + server.baseUrl() + "/health    metrics: " + server.baseUrl() + "/metrics",
        "Stop with Ctrl-C.");
  }

  /** The client options the banner's URL needs besides the address: authentication, trust store. */
  private static String clientOptions(DefenderServer server) {
    final StringBuilder b = new StringBuilder();
    if (server.authentication() != AuthMode.NONE) {
      b.append(";authentication=").append(server.authentication().clientName())
          .append(server.authentication() == AuthMode.ENTRA ? ";bearer_token=ACCESS_TOKEN"
              : ";avatica_user=YOU;avatica_password=YOUR_PASSWORD");
    }
    if (server.jdbcUrl().contains("url=https:")) {
      b.append(";truststore=TRUSTSTORE.p12;truststore_password=ITS_PASSWORD");
    }
    return b.toString();
  }

  private static String value(String[] args, int i) {
    return ServerOptions.value(args, i);
  }

  private static void warn(String message) {
    System.err.println("defender-sql-server: warning: " + message);
  }

  /** Stops on a setting that cannot work, with its message alone (the usage text would bury it). */
  private static void refuse(String message) {
    System.err.println("defender-sql-server: " + message);
    System.exit(2);
  }

  /** The security options of the command line, gathered as they come and checked together. */
  static final class SecurityArgs {
    private AuthMode auth = AuthMode.NONE;
    private Path users;
    private Path keyStore;
    private String keyStorePassword;
    private String keyStoreType;
    private final List<String> publicHosts = new ArrayList<>();
    private long maxRequestBytes = SecurityOptions.DEFAULT_MAX_REQUEST_BYTES;
    private String entraTenant;
    private final List<String> entraAudiences = new ArrayList<>();
    private String entraAuthority;
    private String entraRole;
    private Path entraCaCert;

    /** Takes the option at {@code args[i]} and its value, if it is one of these. */
    boolean accept(String[] args, int i) {
      switch (args[i]) {
      case "--auth" -> auth = AuthMode.parse(value(args, i + 1));
      case "--users" -> users = Path.of(value(args, i + 1));
      case "--tls-keystore" -> keyStore = Path.of(value(args, i + 1));
      case "--tls-keystore-password" -> keyStorePassword = value(args, i + 1);
      case "--tls-keystore-type" -> keyStoreType = value(args, i + 1);
      case "--public-host" -> Arrays.stream(value(args, i + 1).split(",")).map(String::trim)
          .filter(h -> !h.isEmpty()).forEach(publicHosts::add);
      case "--max-request-bytes" -> maxRequestBytes = bytes(value(args, i + 1));
      case "--entra-tenant" -> entraTenant = value(args, i + 1);
      case "--entra-audience" -> entraAudiences.addAll(Arrays.asList(value(args, i + 1).split(",")));
      case "--entra-authority" -> entraAuthority = value(args, i + 1);
      case "--entra-required-role" -> entraRole = value(args, i + 1);
      case "--entra-ca-cert" -> entraCaCert = Path.of(value(args, i + 1));
      default -> {
        return false;
      }
      }
      return true;
    }

    /** The options, with the key store's password read from where it is kept. */
    SecurityOptions options(UnaryOperator<String> env, Consumer<String> warnings) {
      TlsKeyStore tls = null;
      if (keyStore != null) {
        final List<String> w = new ArrayList<>();
        final String password = SecretReference.resolve(
            keyStorePassword == null ? "env:" + KEYSTORE_PASSWORD_ENV : keyStorePassword,
            "the TLS key store password", env, w);
        w.forEach(warnings);
        tls = new TlsKeyStore(keyStore, password, keyStoreType);
      } else if (keyStorePassword != null || keyStoreType != null) {
        throw new SecurityConfigException("--tls-keystore-password and --tls-keystore-type need --tls-keystore");
      }
      EntraOptions entra = null;
      if (auth == AuthMode.ENTRA || entraTenant != null || !entraAudiences.isEmpty() || entraAuthority != null
          || entraRole != null || entraCaCert != null) {
        if (auth != AuthMode.ENTRA) {
          throw new SecurityConfigException("--entra-tenant, --entra-audience, --entra-authority,"
              + " --entra-required-role and --entra-ca-cert need --auth entra");
        }
        entra = new EntraOptions(entraTenant, entraAudiences, entraAuthority, entraRole, entraCaCert);
      }
      return new SecurityOptions(auth, users, tls, publicHosts, maxRequestBytes, entra);
    }

    /** {@code 16777216}, {@code 16m}, {@code 512k}, {@code 1g}. */
    static long bytes(String text) {
      final String t = text.trim().toLowerCase(Locale.ROOT);
      final int shift = t.endsWith("k") ? 10 : t.endsWith("m") ? 20 : t.endsWith("g") ? 30 : 0;
      try {
        return Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1)) << shift;
      } catch (NumberFormatException e) {
        throw new SecurityConfigException("--max-request-bytes takes a number of bytes such as 16777216 or 16m,"
            + " not '" + text + "'");
      }
    }
  }

  private static void fail(String message) {
    System.err.println("defender-sql-server: " + message + "\n" + USAGE);
    System.exit(2);
  }
}
