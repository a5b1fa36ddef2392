package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.defendersql.model.settings.Setting;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.SecurityConfigException;
import org.junit.jupiter.api.Test;

/** {@link ServerOptions}: the server's command line as the server and {@code check-config} both read it. */
class ServerCommandLineTest {

  @Test void defaultsAreTheServersOwn() {
    final ServerOptions o = ServerOptions.parse(new String[0]);
    assertEquals(8765, o.port());
    assertEquals("127.0.0.1", o.host());
    assertNull(o.model());
    assertFalse(o.emulator());
    assertEquals(ServerLimits.DEFAULT, o.limits());
    assertEquals(Duration.ofSeconds(30), o.shutdownGrace());
    assertNull(o.auditLog());
    assertNull(o.budgetState(), "no budget state unless asked for");
    assertFalse(o.help());
  }

  @Test void theServerCachesCompiledPlansUnlessToldOtherwise() throws ClassNotFoundException {
    final String before = System.getProperty(DefenderServerMain.BINDABLE_CACHE);
    Class.forName(DefenderServerMain.class.getName()); // its static initialiser, which runs before main
    assertEquals(before == null ? "1000" : before, System.getProperty(DefenderServerMain.BINDABLE_CACHE));
  }

  @Test void everyOptionIsRead() {
    final ServerOptions o = ServerOptions.parse(new String[] {"--port", "0", "--host", "0.0.0.0", "--model",
        "m.json", "--audit-log", "-", "--alerts", "10", "--machines", "3", "--query-timeout", "20",
        "--statement-idle", "400", "--shutdown-grace", "5", "--auth", "digest", "--users", "u.properties",
        "--budget-state", "var/api-budget.json"});
    assertEquals(0, o.port());
    assertEquals("0.0.0.0", o.host());
    assertEquals(Path.of("m.json"), o.model());
    assertEquals("-", o.auditLog());
    assertEquals(10, o.alerts());
    assertEquals(3, o.machines());
    assertEquals(Duration.ofSeconds(20), o.limits().queryTimeout());
    assertEquals(Duration.ofSeconds(400), o.limits().statementIdle());
    assertEquals(Duration.ofSeconds(800), o.limits().connectionIdle());
    assertEquals(Duration.ofSeconds(5), o.shutdownGrace());
    assertEquals(Path.of("var/api-budget.json"), o.budgetState());
    assertEquals(AuthMode.DIGEST, o.securityOptions(n -> null, w -> { }).auth());
  }

  @Test void mistakesNameTheOptionAndNeverExit() {
    assertEquals("unknown argument --prot",
        assertThrows(ServerOptions.UsageException.class, () -> parse("--prot", "1")).getMessage());
    assertEquals("--port needs a value",
        assertThrows(ServerOptions.UsageException.class, () -> parse("--port")).getMessage());
    assertEquals("--users needs a value",
        assertThrows(ServerOptions.UsageException.class, () -> parse("--users")).getMessage());
    assertEquals("--shutdown-grace takes a number of seconds, not 'soon'",
        assertThrows(ServerOptions.UsageException.class, () -> parse("--shutdown-grace", "soon")).getMessage());
    assertEquals("--alerts takes a whole number, not 'many'",
        assertThrows(ServerOptions.UsageException.class, () -> parse("--alerts", "many")).getMessage());
    assertThrows(SecurityConfigException.class, () -> parse("--auth", "kerberos"));
  }

  @Test void helpStopsTheParsing() {
    assertTrue(parse("--help", "--not-an-option").help());
  }

  @Test void theEnvironmentNamesTheTenantOnlyWithoutModelOrEmulator() {
    final Map<String, String> env = Map.of(Setting.TENANT_ID.env, "contoso");
    assertTrue(parse().servesEnvironment(env::get));
    assertFalse(parse().servesEnvironment(n -> null));
    assertFalse(parse("--emulator").servesEnvironment(env::get));
    assertFalse(parse("--model", "m.json").servesEnvironment(env::get));
  }

  private static ServerOptions parse(String... args) {
    return ServerOptions.parse(args);
  }
}
