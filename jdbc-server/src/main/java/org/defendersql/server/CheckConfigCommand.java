package org.defendersql.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.adapter.client.ApiBudgetState;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.model.settings.Setting;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.EntraProbe;
import org.defendersql.server.security.Exposure;
import org.defendersql.server.security.SecurityConfigException;
import org.defendersql.server.security.SecurityOptions;
import org.defendersql.server.security.ServerSecurity;
import org.defendersql.server.security.UsersFile;

/**
 * {@code defender-sql-server check-config [the server's options]}: reads the options as the server would and
 * checks what it would need, without starting anything or calling the Defender API: the secrets referenced are
 * present, the listen address and authentication go together, the users file and the TLS key store open (and the
 * certificate is in date), the model parses and its Defender schemas have complete, known settings and readable,
 * current CA files, its views plan, and the audit log can be written. One line per check; exit status 0 when all
 * pass, 1 otherwise. No secret is ever printed.
 */
final class CheckConfigCommand {
  static final String USAGE = String.join("\n",
      "usage: defender-sql-server check-config [the server's options]",
      "  checks the options as the server would read them, without starting it or calling the Defender API:",
      "  secrets referenced (env:/file:), listen address and authentication, users file, TLS key store and its",
      "  certificate's dates, the model (its schemas' settings, CA files, views), the audit log; prints one line",
      "  per check with the fix for each problem; exits 0 when every check passes, 1 otherwise.");

  private static final String FACTORY = DefenderSchemaFactory.class.getName();

  private final PrintStream out;
  private final UnaryOperator<String> env;
  private int failures;

  private CheckConfigCommand(PrintStream out, UnaryOperator<String> env) {
    this.out = out;
    this.env = env;
  }

  /** Runs the checks of the server options {@code args}, the settings' environment being {@code env}. */
  static int run(String[] args, UnaryOperator<String> env, PrintStream out) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    final CheckConfigCommand c = new CheckConfigCommand(out, env);
    out.println("Checking the configuration of defender-sql-server");
    c.checkAll(args);
    if (c.failures == 0) {
      out.println("Verdict: OK, the server can start with this configuration.");
    } else {
      out.println("Verdict: FAILED, " + c.failures + (c.failures == 1 ? " problem" : " problems")
          + " to fix before the server can start.");
    }
    out.flush();
    return c.failures == 0 ? 0 : 1;
  }

  private void checkAll(String[] args) {
    final ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (ServerOptions.UsageException | SecurityConfigException e) {
      fail("options", e.getMessage() + " (defender-sql-server --help lists the options)");
      return;
    }
    ok("options", "read as the server reads them");
    final SecurityOptions security = security(options);
    if (security != null) {
      listen(options, security);
    }
    tenant(options);
    auditLog(options.auditLog());
    budgetState(options.budgetState());
  }

  // ---- Security: secrets, listen address, users file, key store, then the server's own check of them all.

  private SecurityOptions security(ServerOptions options) {
    final List<String> warnings = new ArrayList<>();
    final SecurityOptions security;
    try {
      security = options.securityOptions(env, warnings::add);
    } catch (SecurityConfigException e) {
      // A secret that is not where its reference says, or options that do not go together.
      fail("security options", e.getMessage());
      return null;
    }
    if (security.tls() != null) {
      ok("secrets", "the TLS key store password is present (not shown)");
    }
    warnings.forEach(w -> warn("secrets", w));
    return security;
  }

  private void listen(ServerOptions options, SecurityOptions security) {
    final String where = options.host() + ":" + options.port();
    final InetAddress bind;
    try {
      bind = InetAddress.getByName(options.host());
    } catch (UnknownHostException e) {
      fail("listen", "cannot listen on " + options.host() + ": no such host or address; give an address of this"
          + " machine with --host (127.0.0.1, or 0.0.0.0 for every interface)");
      return;
    }
    final int before = failures;
    Exposure.refusal(bind, security).ifPresentOrElse(refusal -> fail("listen", refusal),
        () -> ok("listen", where + ", " + (security.auth() == AuthMode.NONE ? "no authentication (this machine only)"
            : security.auth().optionName() + " authentication") + ", " + (security.tls() == null ? "HTTP" : "HTTPS")));
    Exposure.warnings(bind, security).forEach(w -> warn("listen", w));
    if (security.usersFile() != null) {
      final List<String> warnings = new ArrayList<>();
      try {
        final UsersFile users = UsersFile.read(security.usersFile(), security.auth(), warnings);
        ok("users file", security.usersFile() + ": " + users.users().size()
            + (users.users().size() == 1 ? " user" : " users") + ", every password hashed");
      } catch (SecurityConfigException e) {
        fail("users file", e.getMessage());
      }
      warnings.forEach(w -> warn("users file", w));
    }
    if (security.auth() == AuthMode.ENTRA && security.entra() != null) {
      try {
        ok("Entra ID", EntraProbe.probe(security.entra()));
      } catch (SecurityConfigException e) {
        fail("Entra ID", e.getMessage());
      }
    }
    if (security.tls() != null) {
      final List<String> warnings = new ArrayList<>();
      try {
        security.tls().check(warnings);
        if (warnings.isEmpty()) {
          ok("TLS key store", security.tls().file() + " opens and holds a private key with a current certificate");
        }
        // A certificate out of its dates starts the server, but every client refuses it.
        warnings.forEach(w -> fail("TLS key store", w + "; renew it (see conf/README.txt)"));
      } catch (SecurityConfigException e) {
        fail("TLS key store", e.getMessage());
      }
    }
    if (failures == before) {
      // The server's own check, for whatever it checks beyond the above.
      try {
        ServerSecurity.prepare(options.host(), security);
      } catch (SecurityConfigException e) {
        fail("security", e.getMessage());
      }
    }
  }

  // ---- The tenant: a model file, the environment, or an emulated tenant.

  private void tenant(ServerOptions options) {
    if (options.model() != null) {
      model(options.model());
    } else if (options.servesEnvironment(env)) {
      settings("tenant", Map.of(), "the environment");
    } else {
      ok("tenant", "an emulated tenant (" + options.alerts() + " alerts, " + options.machines() + " machines): no"
          + " --model, and no AZURE_TENANT_ID, AZURE_CLIENT_ID or DEFENDER_SERVER_URL names a real one");
    }
  }

  private void model(Path file) {
    final JsonNode model;
    try {
      model = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      fail("model", "cannot read the model " + file + " as JSON: " + firstLine(e.getMessage()));
      return;
    }
    if (model == null || !model.path("schemas").isArray() || model.path("schemas").isEmpty()) {
      fail("model", file + " has no \"schemas\": it is not a Calcite model");
      return;
    }
    final int before = failures;
    int defender = 0;
    final List<String[]> views = new ArrayList<>();
    for (JsonNode schema : model.path("schemas")) {
      final String name = schema.path("name").asText("?");
      if (FACTORY.equals(schema.path("factory").asText())) {
        defender++;
        schemaSettings(name, schema.path("operand"));
      }
      for (JsonNode table : schema.path("tables")) {
        if ("view".equals(table.path("type").asText())) {
          views.add(new String[] {name, table.path("name").asText()});
        }
      }
    }
    if (defender == 0) {
      fail("model", file + " has no schema made by " + FACTORY);
      return;
    }
    ok("model", file + ": " + defender + (defender == 1 ? " Defender schema" : " Defender schemas")
        + (views.isEmpty() ? "" : ", " + views.size() + (views.size() == 1 ? " view" : " views")));
    if (failures == before) {
      plan(file, views);
    }
  }

  /** The settings of one Defender schema: known names, complete, and their files readable. */
  private void schemaSettings(String schema, JsonNode operand) {
    final String what = "schema " + schema;
    final List<String> unknown = new ArrayList<>();
    operand.fieldNames().forEachRemaining(k -> {
      if (Setting.byOperand(k).isEmpty()) {
        unknown.add(k);
      }
    });
    if (!unknown.isEmpty()) {
      fail(what, "unknown settings " + unknown + " in its operand; the settings are listed in README.md"
          + " (Configuration reference)");
    }
    @SuppressWarnings("unchecked")
    final Map<String, Object> map = operand instanceof ObjectNode o ? new ObjectMapper().convertValue(o, Map.class)
        : Map.of();
    settings(what, map, "its operand and the environment");
  }

  private void settings(String what, Map<String, Object> operand, String source) {
    final DefenderConnectionConfig config;
    try {
      config = DefenderConnectionConfig.from(operand, env);
    } catch (IllegalArgumentException e) {
      fail(what, e.getMessage() + " (from " + source + ")");
      return;
    }
    ok(what, "tenant " + config.tenantId() + ", client " + config.clientId() + ", " + config.auth()
        + ", API " + config.serverUrl());
    if (config.caCertFile() != null) {
      caFile(what, config.caCertFile());
    }
  }

  /** A CA file of PEM certificates, each in date. */
  private void caFile(String what, Path file) {
    final Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(file)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      fail(what, "cannot read the CA certificate file " + file + " (" + Setting.CA_CERT.operand + "): "
          + firstLine(e.getMessage()) + "; it must hold one or more PEM certificates");
      return;
    }
    if (certs.isEmpty()) {
      fail(what, "the CA certificate file " + file + " holds no certificate; it must hold PEM certificates");
      return;
    }
    final Instant now = Instant.now();
    for (Certificate c : certs) {
      if (c instanceof X509Certificate x && (now.isAfter(x.getNotAfter().toInstant())
          || now.isBefore(x.getNotBefore().toInstant()))) {
        fail(what, "the CA certificate '" + x.getSubjectX500Principal().getName() + "' of " + file
            + " is valid only from " + x.getNotBefore().toInstant() + " to " + x.getNotAfter().toInstant()
            + "; put the current certificate in the file");
        return;
      }
    }
    ok(what, "CA file " + file + ": " + certs.size() + (certs.size() == 1 ? " certificate" : " certificates")
        + " in date");
  }

  /** Opens the model as the server's connections do (no API call) and plans each view. */
  private void plan(Path file, List<String[]> views) {
    try (Connection c = DriverManager.getConnection("jdbc:calcite:",
        DefenderServer.connectionProperties(TenantSource.modelFile(file)))) {
      ServerViews.replace(c);
      for (String[] v : views) {
        final String sql = "select * from \"" + v[0] + "\".\"" + v[1] + "\"";
        try (PreparedStatement ignored = c.prepareStatement(sql)) {
          ok("view " + v[0] + "." + v[1], "plans");
        } catch (SQLException | RuntimeException e) {
          fail("view " + v[0] + "." + v[1], firstLine(rootMessage(e)) + "; correct its sql in " + file);
        }
      }
    } catch (SQLException | RuntimeException e) {
      fail("model", "Calcite cannot open " + file + ": " + firstLine(e.getMessage()));
    }
  }

  // ---- The audit log.

  private void auditLog(String log) {
    if (log == null) {
      return;
    }
    if (log.equals("-")) {
      ok("audit log", "standard output");
      return;
    }
    writable("audit log", "--audit-log", Path.of(log).toAbsolutePath(), "can be appended to");
  }

  // ---- The API budget state.

  private void budgetState(Path state) {
    if (state == null) {
      return;
    }
    final Path file = state.toAbsolutePath();
    if (Files.exists(file)) {
      try {
        final int budgets = ApiBudgetState.inspect(file);
        writable("budget state", "--budget-state", file, "holds " + budgets + (budgets == 1 ? " budget" : " budgets")
            + " and can be replaced");
      } catch (IOException e) {
        fail("budget state", e.getMessage());
      }
      return;
    }
    writable("budget state", "--budget-state", file, "");
  }

  /** Whether the server's account can write {@code file}, or create it; {@code fine} says what is fine with it. */
  private void writable(String check, String option, Path file, String fine) {
    if (Files.exists(file)) {
      if (Files.isRegularFile(file) && Files.isWritable(file)) {
        ok(check, file + " " + fine);
      } else {
        fail(check, file + " is not a file the server's account can write; fix its owner or mode, or give"
            + " another " + option + " FILE");
      }
      return;
    }
    final Path dir = file.getParent();
    if (dir != null && Files.isDirectory(dir) && Files.isWritable(dir)) {
      ok(check, file + " will be created");
    } else {
      fail(check, "cannot create " + file + ": " + dir + " is not a directory the server's account can write;"
          + " create it, or give another " + option + " FILE");
    }
  }

  // ---- Output: one line per check.

  private void ok(String check, String detail) {
    line("OK", check, detail);
  }

  private void warn(String check, String detail) {
    line("WARN", check, detail);
  }

  private void fail(String check, String detail) {
    failures++;
    line("FAIL", check, detail);
  }

  private void line(String verdict, String check, String detail) {
    out.println(String.format(Locale.ROOT, "  %-5s %-16s %s", verdict, check, detail));
  }

  /** The message of the innermost cause: Calcite's "Object 'x' not found", not "Error while preparing". */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    // A view's failure is the server's own ClientError (ServerView), whose text is its error message.
    final String message = t instanceof ClientError c ? c.getErrorMessage() : t.getMessage();
    return message != null ? message : e.getMessage();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    final int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
