package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.settings.Setting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test-connection} against the emulator: good credentials, a wrong secret, an app lacking
 * {@code Alert.Read.All}, and a Server URL that cannot be reached each get a clear verdict and exit status.
 */
class TestConnectionCommandTest {
  private static final String READER_ID = "cccccccc-0000-4000-8000-000000000001";
  private static final String READER_SECRET = DefenderEmulator.SECRET_MARKER + "machines-only-0123456789abcdefghij";
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(20).machines(5).build().start();
    emulator.registerApp(READER_ID, READER_SECRET, Set.of("Machine.Read.All"));
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  /** The command's exit status and everything it printed. */
  private record Run(int status, String output) {
  }

  private static Run run(Map<String, String> changes) {
    final Map<String, String> env = new LinkedHashMap<>(emulator.environment());
    env.putAll(changes);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final int status = TestConnectionCommand.run(new String[0], env::get,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    final String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    for (String secret : new String[] {emulator.clientSecret(), READER_SECRET, changes.get(Setting.CLIENT_SECRET.env)}) {
      if (secret != null) {
        assertFalse(output.contains(secret), "the secret must not be printed");
      }
    }
    return new Run(status, output);
  }

  @Test void goodCredentialsPassEveryCheck() {
    final Run r = run(Map.of());
    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("OK          Azure AD token"), r.output());
    assertTrue(r.output().contains("OK          Alert.Read.All (alerts)"), r.output());
    assertTrue(r.output().contains("OK          Machine.Read.All (machines)"), r.output());
    assertTrue(r.output().contains("GET /api/alerts?$top=1"), r.output());
    assertTrue(r.output().contains("OK          SecurityAlert.Read.All (graph_alerts)"), r.output());
    assertTrue(r.output().contains("OK          SecurityIncident.Read.All (graph_incidents)"), r.output());
    assertTrue(r.output().contains("GET /v1.0/security/incidents?$top=1"), r.output());
    assertTrue(r.output().contains("Verdict: OK, every check passed."), r.output());
  }

  @Test void aWrongSecretIsNamedWithItsFix() {
    final Run r = run(Map.of(Setting.CLIENT_SECRET.env, DefenderEmulator.SECRET_MARKER + "wrong-wrong-wrong-0123456789ab"));
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("FAIL        Azure AD token"), r.output());
    assertTrue(r.output().contains("AADSTS7000215"), r.output());
    assertTrue(r.output().contains("Fix: Check the client secret (clientSecret / AZURE_CLIENT_SECRET)"), r.output());
    assertTrue(r.output().contains("NOT CHECKED Alert.Read.All (alerts)"), r.output());
    assertTrue(r.output().contains("NOT CHECKED ThreatHunting.Read.All"), r.output());
    assertTrue(r.output().contains("NOT CHECKED SecurityAlert.Read.All (graph_alerts)"), r.output());
    // One check per permission of the model's tables (the device and vulnerability-management ones too).
    assertTrue(r.output().contains("NOT CHECKED Score.Read.All (exposure_score)"), r.output());
    assertTrue(r.output().contains("Verdict: FAILED, 16 of 16 checks did not pass."), r.output());
  }

  @Test void aMissingPermissionIsNamedWithItsFix() {
    final Run r = run(Map.of(Setting.CLIENT_ID.env, READER_ID, Setting.CLIENT_SECRET.env, READER_SECRET));
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("OK          Azure AD token"), r.output());
    assertTrue(r.output().contains("FAIL        Alert.Read.All (alerts)"), r.output());
    assertTrue(r.output().contains("HTTP 403 Forbidden: Missing application roles."), r.output());
    assertTrue(r.output().contains("Fix: The app registration lacks the application permission Alert.Read.All on"
        + " WindowsDefenderATP: add it under API permissions and grant admin consent."), r.output());
    assertTrue(r.output().contains("OK          Machine.Read.All (machines)"), r.output());
    assertTrue(r.output().contains("FAIL        ThreatHunting.Read.All"), r.output());
    // Graph's security lists: the reader app has neither Graph permission
    assertTrue(r.output().contains("FAIL        SecurityAlert.Read.All (graph_alerts)"), r.output());
    assertTrue(r.output().contains("Fix: The app registration lacks the application permission"
        + " SecurityIncident.Read.All on Microsoft Graph: add it under API permissions and grant admin consent."),
        r.output());
    assertTrue(r.output().contains("FAIL        Ti.ReadWrite.All (indicators)"), r.output());
    assertTrue(r.output().contains("GET /api/domains/probe.defender-sql.invalid/stats"), r.output());
    assertTrue(r.output().contains("Verdict: FAILED, 14 of 16 checks did not pass."), r.output());
  }

  @Test void anUnknownServerHostIsNamedWithItsFix() {
    final Run r = run(Map.of(Setting.SERVER_URL.env, "https://defender-api.invalid"));
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("FAIL        Alert.Read.All (alerts)"), r.output());
    assertTrue(r.output().contains("unknown host"), r.output());
    assertTrue(r.output().contains("Fix: Check the Server URL (serverUrl / DEFENDER_SERVER_URL)"), r.output());
  }

  @Test void aServerThatRefusesConnectionsIsNamedWithItsFix() {
    final Run r = run(Map.of(Setting.SERVER_URL.env, "https://127.0.0.1:1"));
    assertEquals(1, r.status(), r.output());
    assertTrue(r.output().contains("connection refused"), r.output());
    assertTrue(r.output().contains("Fix: Check the Server URL (serverUrl / DEFENDER_SERVER_URL), its port"),
        r.output());
  }

  @Test void theSettingsOfAModelFileAreTested(@TempDir Path dir) throws Exception {
    final Map<String, Object> operand = new LinkedHashMap<>(DefenderModels.operand(emulator.environment()));
    operand.put("clientId", READER_ID);
    operand.put("clientSecret", READER_SECRET);
    final Path model = dir.resolve("model.json");
    Files.writeString(model, DefenderModels.inline(operand).substring("inline:".length()));
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final int status = TestConnectionCommand.run(new String[] {"--model", model.toString()}, k -> null,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    final String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, output);
    assertTrue(output.contains("FAIL        Alert.Read.All (alerts)"), output);
    assertTrue(output.contains("OK          Machine.Read.All (machines)"), output);
    assertFalse(output.contains(READER_SECRET), "the secret must not be printed");
  }

  @Test void anEmulatedTenantPasses() {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final int status = TestConnectionCommand.run(new String[] {"--emulator"}, k -> null,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(0, status, bytes.toString(StandardCharsets.UTF_8));
    assertEquals(2, TestConnectionCommand.run(new String[] {"--bogus"}, k -> null,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  @Test void incompleteSettingsAreNamed() {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final int status = TestConnectionCommand.run(new String[0], k -> null,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    final String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, output);
    assertTrue(output.contains("tenantId (environment AZURE_TENANT_ID) is not set"), output);
  }
}
