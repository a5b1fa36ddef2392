package org.defendersql.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.defendersql.adapter.config.AuthType;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the {@code auth} settings: what each type requires, ignores and never prints. */
class AuthSettingsTest {
  private static final String SECRET = DefenderEmulator.SECRET_MARKER + "in-the-environment";

  @TempDir Path dir;

  private static DefenderConnectionConfig read(Map<String, String> operand, Map<String, String> env) {
    return DefenderConnectionConfig.from(new HashMap<>(operand), env::get);
  }

  @Test void theDefaultIsTheClientSecret() {
    final DefenderConnectionConfig c = read(Map.of("tenantId", "t", "clientId", "c"),
        Map.of("AZURE_CLIENT_SECRET", SECRET));
    assertEquals(AuthType.SECRET, c.auth().type());
    assertEquals(SECRET, c.clientSecret().reveal());
  }

  @Test void aCertificateSignInNeitherNeedsNorReadsASecret() throws Exception {
    final Path pem = TestCertificates.pem(dir, TestCertificates.app("app"));
    final DefenderConnectionConfig c = read(Map.of("tenantId", "t", "clientId", "c", "auth", "certificate",
        "certificatePath", pem.toString()), Map.of("AZURE_CLIENT_SECRET", SECRET,
        "AZURE_CLIENT_SECRET_FILE", dir.resolve("gone").toString()));
    assertNull(c.clientSecret());
    assertFalse(c.auth().sendCertificateChain());
    assertFalse(c.toString().contains(SECRET), c.toString());
  }

  @Test void theCertificatePasswordNeverPrints() throws Exception {
    final String password = DefenderEmulator.SECRET_MARKER + "pfx";
    final Path pfx = TestCertificates.pfx(dir, TestCertificates.app("app"), password);
    final DefenderConnectionConfig c = read(Map.of("tenantId", "t", "clientId", "c", "auth", "certificate",
        "certificatePath", pfx.toString(), "sendCertificateChain", "TRUE"),
        Map.of("AZURE_CLIENT_CERTIFICATE_PASSWORD", password));
    assertEquals(password, c.auth().certificatePassword().reveal());
    assertTrue(c.auth().sendCertificateChain());
    assertFalse(c.toString().contains(password), c.toString());
    assertTrue(c.toString().contains("certificatePassword=****"), c.toString());
  }

  @Test void eachTypesRequirementsAreNamedTogether() {
    final String m = assertThrows(IllegalArgumentException.class, () -> read(Map.of("tenantId", "t", "clientId",
        "c", "auth", "certificate", "sendCertificateChain", "yes"), Map.of())).getMessage();
    assertTrue(m.contains("certificatePath / AZURE_CLIENT_CERTIFICATE_PATH is not set"), m);
    final String w = assertThrows(IllegalArgumentException.class, () -> read(Map.of("auth", "workload-identity"),
        Map.of())).getMessage();
    assertTrue(w.contains("tenantId (environment AZURE_TENANT_ID) is not set"), w);
    assertTrue(w.contains("federatedTokenFile / AZURE_FEDERATED_TOKEN_FILE is not set"), w);
    final String a = assertThrows(IllegalArgumentException.class, () -> read(Map.of("auth", "password"),
        Map.of())).getMessage();
    assertTrue(a.contains("'password' is not an authentication type; use one of secret, certificate,"
        + " managedIdentity, workloadIdentity, environment"), a);
  }

  @Test void aSystemAssignedIdentityNeedsNoTenantNorClient() {
    final DefenderConnectionConfig c = read(Map.of("auth", "managedIdentity"), Map.of());
    assertEquals(AuthType.MANAGED_IDENTITY, c.auth().type());
    assertNull(c.clientId());
    assertNull(c.tenantId());
  }
}
