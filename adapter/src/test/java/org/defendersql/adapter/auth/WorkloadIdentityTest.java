package org.defendersql.adapter.auth;

import static org.defendersql.adapter.auth.AuthTesting.machineIds;
import static org.defendersql.adapter.auth.AuthTesting.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.EmulatedTenant;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload identity through azure-identity's WorkloadIdentityCredential: the projected service account token in
 * a file, exchanged at the emulator's token endpoint for the app federated with its issuer and subject; and what
 * a user reads when no federated record matches, the token has expired or the file is missing.
 */
class WorkloadIdentityTest {
  private static final String SUBJECT = "system:serviceaccount:security:defender-sql";

  @TempDir static Path dir;
  private static FederatedTokens cluster;
  private static DefenderEmulator emulator;

  @BeforeAll static void start() throws Exception {
    cluster = new FederatedTokens();
    emulator = DefenderEmulator.builder().alerts(20).machines(10)
        .federatedCredential(cluster.issuer, SUBJECT, cluster.key.getPublic()).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Map<String, Object> workload(Path tokenFile) {
    final Map<String, Object> operand = AuthTesting.operand(emulator);
    operand.put("auth", "workloadIdentity");
    operand.put("federatedTokenFile", tokenFile.toString());
    return operand;
  }

  private static Path tokenFile(String token) throws Exception {
    return Files.writeString(dir.resolve("token-" + System.nanoTime()), token);
  }

  @Test void theProjectedTokenSignsTheFederatedAppIn() throws Exception {
    final Instant now = Instant.now();
    emulator.clearRequestLog();
    assertEquals(machineIds(emulator), machineIds(workload(tokenFile(cluster.token(SUBJECT, now,
        now.plus(Duration.ofHours(1)))))));
    assertTrue(emulator.requestLog().stream().anyMatch(r -> r.path().endsWith("/oauth2/v2.0/token")
        && r.status() == 200 && emulator.clientId().equals(r.clientId())));
  }

  @Test void anotherServiceAccountHasNoFederatedRecord() throws Exception {
    final Instant now = Instant.now();
    final String token = cluster.token("system:serviceaccount:default:other", now, now.plus(Duration.ofHours(1)));
    final String m = messages(assertThrows(SQLException.class, () -> machineIds(workload(tokenFile(token)))));
    assertTrue(m.contains("AADSTS70021: No matching federated identity record found for presented assertion."
        + " Assertion Issuer: '" + cluster.issuer + "'. Assertion Subject: 'system:serviceaccount:default:other'"), m);
    assertTrue(m.contains("add one to the app registration"), m);
    assertFalse(m.contains(token.substring(token.lastIndexOf('.') + 1)), "the token never shows: " + m);
  }

  @Test void anExpiredTokenIsOutsideItsTimeRange() throws Exception {
    final Instant then = Instant.now().minus(Duration.ofHours(3));
    final String m = messages(assertThrows(SQLException.class,
        () -> machineIds(workload(tokenFile(cluster.token(SUBJECT, then, then.plus(Duration.ofHours(1))))))));
    assertTrue(m.contains("AADSTS700024"), m);
    assertTrue(m.contains("the federated token file (federatedTokenFile / AZURE_FEDERATED_TOKEN_FILE)"), m);
  }

  @Test void aTokenOfAnotherIssuerKeyIsRefused() throws Exception {
    final Instant now = Instant.now();
    final String forged = new FederatedTokens().token(SUBJECT, now, now.plus(Duration.ofHours(1)));
    final String m = messages(assertThrows(SQLException.class, () -> machineIds(workload(tokenFile(forged)))));
    assertTrue(m.contains("AADSTS50013"), m);
  }

  @Test void aMissingTokenFileIsASettingsError() {
    final String m = messages(assertThrows(Exception.class,
        () -> machineIds(workload(dir.resolve("no-token")))));
    assertTrue(m.contains("federatedTokenFile / AZURE_FEDERATED_TOKEN_FILE names a file that cannot be read: "
        + dir.resolve("no-token")), m);
  }

  @Test void aTokenFileGoneAfterStartIsNamed() throws Exception {
    final Instant now = Instant.now();
    final Path file = tokenFile(cluster.token(SUBJECT, now, now.plus(Duration.ofHours(1))));
    final Map<String, Object> operand = workload(file);
    // A distinct setting, so that no client of another test has a token cached already.
    operand.put("maxLookups", 49);
    try (var c = EmulatedTenant.connect(DefenderModels.inline(operand)); var s = c.createStatement()) {
      Files.delete(file);
      final String m = messages(assertThrows(SQLException.class, () -> s.executeQuery("select id from machines")
          .next()));
      assertTrue(m.contains("The federated token file " + file + " cannot be read"), m);
      assertTrue(m.contains("Check federatedTokenFile / AZURE_FEDERATED_TOKEN_FILE"), m);
    }
  }
}
