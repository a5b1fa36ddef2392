package org.defendersql.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.defendersql.model.settings.Setting;
import org.defendersql.server.limits.Quotas;
import org.defendersql.server.security.SecurityConfigException;
import org.defendersql.server.security.SecurityOptions;

/**
 * The server's command line, parsed once: the server and {@code check-config} read the same options the same way.
 * Parsing never exits the process; a wrong option is a {@link UsageException}, a security option that cannot work a
 * {@link SecurityConfigException}.
 */
final class ServerOptions {
  /** How long running statements may go on after a shutdown is asked for, unless told otherwise. */
  static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private int port = 8765;
  private String host = "127.0.0.1";
  private Path model;
  private boolean emulator;
  private int alerts = 20_000;
  private int machines = 2_000;
  private ServerLimits limits = ServerLimits.DEFAULT;
  private final DefenderServerMain.SecurityArgs security = new DefenderServerMain.SecurityArgs();
  private String auditLog;
  private Path budgetState;
  private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
  private boolean help;

  private ServerOptions() {
  }

  /**
   * Parses the server's options ({@code --help} stops the parsing, as the server then only prints its usage).
   *
   * @throws UsageException          on an unknown option, a missing value or a value that is not a number
   * @throws SecurityConfigException on a security option that cannot work (an unknown authentication mode, ...)
   */
  static ServerOptions parse(String[] args) {
    final ServerOptions o = new ServerOptions();
    for (int i = 0; i < args.length && !o.help; i++) {
      if (o.security.accept(args, i)) {
        i++;
        continue;
      }
      switch (args[i]) {
      case "--port" -> o.port = number(args, ++i);
      case "--host" -> o.host = value(args, ++i);
      case "--model" -> o.model = Path.of(value(args, ++i));
      case "--emulator" -> o.emulator = true;
      case "--audit-log" -> o.auditLog = value(args, ++i);
      case "--budget-state" -> o.budgetState = Path.of(value(args, ++i));
      case "--alerts" -> o.alerts = number(args, ++i);
      case "--machines" -> o.machines = number(args, ++i);
      case "--query-timeout" -> o.limits = o.limits.withQueryTimeout(seconds(args, ++i));
      case "--statement-idle" -> {
        final Duration idle = seconds(args, ++i);
        if (idle.isZero()) {
          throw new UsageException("--statement-idle must be at least 1 second");
        }
        o.limits = o.limits.withIdleTimes(idle, max(o.limits.connectionIdle(), idle.multipliedBy(2)));
      }
      case "--max-statement-rows", "--max-connections", "--max-connections-per-user", "--max-statements",
          "--max-statements-per-user", "--max-running", "--max-running-per-user", "--max-user-lookups-per-hour" -> {
        final int n = positive(args, ++i);
        o.limits = o.limits.withQuotas(quota(args[i - 1], n, o.limits.quotas()));
      }
      case "--shutdown-grace" -> o.shutdownGrace = seconds(args, ++i);
      case "--help", "-h" -> o.help = true;
      default -> throw new UsageException("unknown argument " + args[i]);
      }
    }
    return o;
  }

  /** The quotas with the limit an option names set to {@code n}. */
  private static Quotas quota(String option, int n, Quotas q) {
    return switch (option) {
    case "--max-statement-rows" -> q.withMaxStatementRows(n);
    case "--max-connections" -> q.withConnections(q.maxConnectionsPerUser(), n);
    case "--max-connections-per-user" -> q.withConnections(n, q.maxConnections());
    case "--max-statements" -> q.withStatements(q.maxStatementsPerUser(), n);
    case "--max-statements-per-user" -> q.withStatements(n, q.maxStatements());
    case "--max-running" -> q.withRunning(q.maxRunningPerUser(), n, q.admissionWait());
    case "--max-running-per-user" -> q.withRunning(n, q.maxRunning(), q.admissionWait());
    case "--max-user-lookups-per-hour" -> q.withUserLookupsPerHour(n);
    default -> throw new IllegalArgumentException(option);
    };
  }

  /** A number of at least 1. */
  private static int positive(String[] args, int i) {
    final int n = number(args, i);
    if (n < 1) {
      throw new UsageException(args[i - 1] + " must be at least 1, not " + n);
    }
    return n;
  }

  int port() {
    return port;
  }

  String host() {
    return host;
  }

  /** The model file, null when none was named. */
  Path model() {
    return model;
  }

  /** Whether an emulated tenant is to be served even when the environment names a real one. */
  boolean emulator() {
    return emulator;
  }

  int alerts() {
    return alerts;
  }

  int machines() {
    return machines;
  }

  ServerLimits limits() {
    return limits;
  }

  /** The audit log's file ({@code -}: standard output), null for none. */
  String auditLog() {
    return auditLog;
  }

  /** The file the API call budgets are kept in across restarts, null for none. */
  Path budgetState() {
    return budgetState;
  }

  /** How long running statements may go on after a shutdown is asked for before they are cancelled. */
  Duration shutdownGrace() {
    return shutdownGrace;
  }

  /** Whether {@code --help} was given. */
  boolean help() {
    return help;
  }

  /**
   * The security options, with secrets read from where they are kept.
   *
   * @throws SecurityConfigException when a secret is missing or options do not go together
   */
  SecurityOptions securityOptions(UnaryOperator<String> env, Consumer<String> warnings) {
    return security.options(env, warnings);
  }

  /** Whether the tenant is the real one the environment names (no model file, no {@code --emulator}). */
  boolean servesEnvironment(UnaryOperator<String> env) {
    if (model != null || emulator) {
      return false;
    }
    for (Setting s : new Setting[] {Setting.SERVER_URL, Setting.TENANT_ID, Setting.CLIENT_ID}) {
      final String v = env.apply(s.env);
      if (v != null && !v.isBlank()) {
        return true;
      }
    }
    return false;
  }

  static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new UsageException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i) {
    final String v = value(args, i);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException(args[i - 1] + " takes a whole number, not '" + v + "'");
    }
  }

  private static Duration seconds(String[] args, int i) {
    final String v = value(args, i);
    try {
      final long s = Long.parseLong(v);
      if (s < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      throw new UsageException(args[i - 1] + " takes a number of seconds, not '" + v + "'");
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A command line the server does not understand; the message names the option. */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
