package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-config}: a deployment's whole configuration (every interface, BASIC users, TLS, a model of two
 * tenants with secrets in files and a CA file, a view, an audit log) passes with one OK line per check and no
 * secret printed; each kind of mistake fails on its own line naming the file or option and the fix.
 */
class CheckConfigCommandTest {
  private static final String CONTOSO_SECRET = "contoso-s3cret-value";
  private static final String FABRIKAM_SECRET = "fabrikam-s3cret-value";
  @TempDir Path dir;

  /** What the command printed, and its exit status. */
  private record Result(int status, String out) {
    /** The line of a check, which must be there once. */
    String line(String verdict, String check) {
      final List<String> lines = out.lines()
          .filter(l -> l.startsWith(String.format("  %-5s %-16s ", verdict, check))).toList();
      assertEquals(1, lines.size(), verdict + " " + check + " in\n" + out);
      return lines.get(0);
    }
  }

  private Result run(Map<String, String> env, String... args) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final int status = CheckConfigCommand.run(args, env::get, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Result(status, bytes.toString(StandardCharsets.UTF_8));
  }

  /** A model of two tenants whose client secrets are in files, with a CA file and {@code views}. */
  private Path model(String caFile, String extraSetting, String viewSql) throws Exception {
    final Path contoso = dir.resolve("contoso.secret");
    final Path fabrikam = dir.resolve("fabrikam.secret");
    Files.writeString(contoso, CONTOSO_SECRET + "\n");
    Files.writeString(fabrikam, FABRIKAM_SECRET + "\n");
    final String json = """
        {"version": "1.0", "defaultSchema": "contoso", "schemas": [
          {"name": "contoso", "type": "custom", "factory": "org.defendersql.adapter.DefenderSchemaFactory",
           "operand": {"tenantId": "contoso-tenant", "clientId": "contoso-app", "clientSecretFile": "%s",
                       "caCertFile": "%s"%s},
           "tables": [{"name": "high_alerts", "type": "view", "sql": "%s"}]},
          {"name": "fabrikam", "type": "custom", "factory": "org.defendersql.adapter.DefenderSchemaFactory",
           "operand": {"tenantId": "fabrikam-tenant", "clientId": "fabrikam-app", "clientSecretFile": "%s"}}]}
        """.formatted(contoso, caFile, extraSetting, viewSql, fabrikam);
    final Path model = dir.resolve("model-" + System.nanoTime() + ".json");
    Files.writeString(model, json);
    return model;
  }

  private Path caFile(long notBefore, long notAfter) throws Exception {
    final HeldCertificate ca = new HeldCertificate.Builder().commonName("corporate inspection CA")
        .validityInterval(notBefore, notAfter).certificateAuthority(0).build();
    final Path f = Files.createTempFile(dir, "ca", ".pem");
    Files.writeString(f, ca.certificatePem());
    return f;
  }

  @Test void aWholeDeploymentPassesWithoutPrintingASecret() throws Exception {
    final TestCertificates tls = TestCertificates.create(dir);
    final Path users = SecureServers.usersFile(dir, AuthMode.BASIC, "alice", "alice-password");
    final long now = System.currentTimeMillis();
    final Path model = model(caFile(now - TimeUnit.DAYS.toMillis(1), now + TimeUnit.DAYS.toMillis(30)).toString(),
        "", "select id, title from contoso.alerts where severity = 'High'");
    final Result r = run(Map.of("KS_PASSWORD", tls.password()), "--host", "0.0.0.0", "--port", "8766", "--auth",
        "basic", "--users", users.toString(), "--tls-keystore", tls.keyStore().toString(), "--tls-keystore-password",
        "env:KS_PASSWORD", "--model", model.toString(), "--audit-log", dir.resolve("audit.jsonl").toString(),
        "--budget-state", dir.resolve("api-budget.json").toString());
    assertEquals(0, r.status(), r.out());
    assertTrue(r.line("OK", "listen").contains("0.0.0.0:8766, basic authentication, HTTPS"), r.out());
    assertTrue(r.line("OK", "users file").contains("1 user"), r.out());
    r.line("OK", "TLS key store");
    r.line("OK", "secrets");
    assertTrue(r.line("OK", "model").contains("2 Defender schemas, 1 view"), r.out());
    assertTrue(r.out().contains("tenant contoso-tenant, client contoso-app"), r.out());
    assertTrue(r.out().contains("tenant fabrikam-tenant, client fabrikam-app"), r.out());
    assertTrue(r.out().contains("1 certificate in date"), r.out());
    r.line("OK", "view contoso.high_alerts");
    assertTrue(r.line("OK", "audit log").contains("will be created"), r.out());
    assertTrue(r.line("OK", "budget state").contains("will be created"), r.out());
    assertFalse(r.out().contains("FAIL"), r.out());
    assertTrue(r.out().contains("Verdict: OK"), r.out());
    for (String secret : List.of(CONTOSO_SECRET, FABRIKAM_SECRET, tls.password(), "alice-password")) {
      assertFalse(r.out().contains(secret), "a secret was printed:\n" + r.out());
    }
    assertFalse(Files.exists(dir.resolve("audit.jsonl")), "nothing was created");
  }

  @Test void missingSecretsUnknownSettingsAndAnUnwritableAuditLogFailByName() throws Exception {
    final TestCertificates tls = TestCertificates.create(dir);
    final long now = System.currentTimeMillis();
    final Path model = model(caFile(now - 1000, now + TimeUnit.DAYS.toMillis(30)).toString(),
        ", \"tenantID\": \"typo\"", "select id from contoso.alerts");
    Files.delete(dir.resolve("fabrikam.secret"));
    // --budget-state naming the model by mistake: not a budget state, and never overwritten.
    final Result r = run(Map.of(), "--tls-keystore", tls.keyStore().toString(), "--tls-keystore-password",
        "env:KS_PASSWORD", "--model", model.toString(), "--audit-log", dir.resolve("no/such/dir/audit.jsonl")
            .toString(), "--budget-state", model.toString());
    assertEquals(1, r.status(), r.out());
    assertTrue(r.line("FAIL", "security options").contains("environment variable KS_PASSWORD, which is not set"),
        r.out());
    assertTrue(r.out().contains("unknown settings [tenantID]"), r.out());
    assertTrue(r.line("FAIL", "schema fabrikam").contains("names a file that cannot be read"), r.out());
    assertTrue(r.line("FAIL", "audit log").contains("no/such/dir is not a directory"), r.out());
    assertTrue(r.line("FAIL", "budget state").contains(model + " is not one this server wrote"), r.out());
    assertTrue(r.out().contains("Verdict: FAILED, 5 problems"), r.out());
  }

  @Test void exposureUsersKeyStoreCaFileAndViewsFailByName() throws Exception {
    final TestCertificates tls = TestCertificates.create(dir);
    final Path wrongPassword = dir.resolve("ks-password");
    Files.writeString(wrongPassword, "not-the-password\n");
    final Path plain = dir.resolve("plain.properties");
    Files.writeString(plain, "alice: a-plain-password\n");
    final Result r = run(Map.of(), "--auth", "digest", "--users", plain.toString(), "--tls-keystore",
        tls.keyStore().toString(), "--tls-keystore-password", "file:" + wrongPassword, "--model",
        model(caFile(System.currentTimeMillis() - 1000, System.currentTimeMillis() + 60_000).toString(), "",
            "select * from contoso.no_such_table").toString());
    assertEquals(1, r.status(), r.out());
    assertTrue(r.line("FAIL", "users file").contains("user 'alice': the password is in plain text"), r.out());
    assertTrue(r.line("FAIL", "TLS key store").contains("wrong password"), r.out());
    assertTrue(r.line("FAIL", "view contoso.high_alerts").contains("no_such_table"), r.out());
    assertFalse(r.out().contains("not-the-password"), r.out());

    final long now = System.currentTimeMillis();
    final Result expired = run(Map.of(), "--host", "0.0.0.0", "--model",
        model(caFile(now - TimeUnit.DAYS.toMillis(60), now - TimeUnit.DAYS.toMillis(1)).toString(), "",
            "select id from contoso.alerts").toString());
    assertEquals(1, expired.status(), expired.out());
    assertTrue(expired.line("FAIL", "listen").contains("without authentication"), expired.out());
    assertTrue(expired.line("FAIL", "schema contoso").contains("is valid only from"), expired.out());
  }

  @Test void entraIdMetadataIsReadAndAWrongTenantFailsByName() throws Exception {
    try (DefenderEmulator emulator = DefenderEmulator.builder().alerts(10).machines(3).build().start()) {
      final List<String> entra = List.of("--auth", "entra", "--entra-audience", "api://defender-sql",
          "--entra-authority", emulator.authorityHost(), "--entra-ca-cert", emulator.certificateFile().toString());
      final List<String> good = new ArrayList<>(entra);
      good.addAll(List.of("--entra-tenant", emulator.tenantId()));
      final Result r = run(Map.of(), good.toArray(String[]::new));
      assertEquals(0, r.status(), r.out());
      assertTrue(r.line("OK", "Entra ID").matches(".*issuer \\S+" + emulator.tenantId() + "\\S*, [1-9]\\d* signing"
          + " keys.*"), r.out());
      final List<String> wrong = new ArrayList<>(entra);
      wrong.addAll(List.of("--entra-tenant", "no-such-tenant"));
      final Result w = run(Map.of(), wrong.toArray(String[]::new));
      assertEquals(1, w.status(), w.out());
      assertTrue(w.line("FAIL", "Entra ID").contains("no-such-tenant") && w.out().contains("--entra-tenant"),
          w.out());
    }
  }

  @Test void aWrongOptionFailsAndTheEmulatedDefaultPasses() {
    final Result wrong = run(Map.of(), "--port", "eighty");
    assertEquals(1, wrong.status(), wrong.out());
    assertTrue(wrong.line("FAIL", "options").contains("--port takes a whole number, not 'eighty'"), wrong.out());
    final Result help = run(Map.of(), "--help");
    assertEquals(0, help.status(), help.out());
    assertTrue(help.out().startsWith("usage: defender-sql-server check-config"), help.out());
    final Result emulated = run(Map.of());
    assertEquals(0, emulated.status(), emulated.out());
    assertTrue(emulated.line("OK", "tenant").contains("an emulated tenant"), emulated.out());
    assertTrue(emulated.line("OK", "listen").contains("127.0.0.1:8765, no authentication"), emulated.out());
    final Result environment = run(Map.of("AZURE_TENANT_ID", "t1", "AZURE_CLIENT_ID", "c1"));
    assertEquals(1, environment.status(), environment.out());
    assertTrue(environment.line("FAIL", "tenant").contains("AZURE_CLIENT_SECRET"), environment.out());
  }
}
