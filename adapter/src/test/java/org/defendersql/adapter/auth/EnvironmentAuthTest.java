package org.defendersql.adapter.auth;

import static org.defendersql.adapter.auth.AuthTesting.machineIds;
import static org.defendersql.adapter.auth.AuthTesting.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.defendersql.adapter.config.AuthType;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth = environment}: the variables and rules of azure-identity's EnvironmentCredential (secret first, then
 * certificate), read from the environment or, for those that are also settings (AZURE_CLIENT_SECRET,
 * AZURE_CLIENT_CERTIFICATE_PATH, ...), the model operand; signs in through azure-identity's secret or certificate
 * credential against the emulator.
 */
class EnvironmentAuthTest {
  private static final HeldCertificate REGISTERED = TestCertificates.app("defender-sql environment");

  @TempDir static Path dir;
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(20).machines(10).certificate(REGISTERED.certificate()).build()
        .start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Map<String, Object> environment() {
    final Map<String, Object> operand = AuthTesting.operand(emulator);
    operand.put("auth", "environment");
    return operand;
  }

  @Test void theSecretVariable() throws Exception {
    final Map<String, Object> operand = environment();
    operand.put("clientSecret", emulator.clientSecret());
    assertEquals(machineIds(emulator), machineIds(operand));
  }

  @Test void theCertificateVariable() throws Exception {
    final Map<String, Object> operand = environment();
    operand.put("certificatePath", TestCertificates.pem(dir, REGISTERED).toString());
    assertEquals(machineIds(emulator), machineIds(operand));
  }

  @Test void neitherSecretNorCertificateIsNamed() {
    final String m = messages(assertThrows(Exception.class, () -> machineIds(environment())));
    assertTrue(m.contains("auth = environment needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH"), m);
  }

  @Test void theVariablesComeFromTheEnvironmentAndNeverPrint() {
    final String secret = DefenderEmulator.SECRET_MARKER + "from-the-environment";
    final Map<String, String> env = Map.of("AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c",
        "AZURE_CLIENT_SECRET", secret, "IDENTITY_ENDPOINT", "http://127.0.0.1:41000/msi/token");
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(Map.of("auth", "environment"), env::get);
    assertEquals(AuthType.ENVIRONMENT, c.auth().type());
    assertEquals(secret, c.auth().environment().get("AZURE_CLIENT_SECRET"));
    assertEquals("t", c.auth().environment().get("AZURE_TENANT_ID"));
    assertFalse(c.toString().contains(secret), c.toString());
    assertTrue(c.toString().contains("AZURE_CLIENT_SECRET"), c.toString());
  }
}
