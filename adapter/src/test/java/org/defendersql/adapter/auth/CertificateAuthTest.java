package org.defendersql.adapter.auth;

import static org.defendersql.adapter.auth.AuthTesting.machineIds;
import static org.defendersql.adapter.auth.AuthTesting.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.defendersql.adapter.client.ErrorKind;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate sign-in through azure-identity's ClientCertificateCredential against the emulator's token endpoint,
 * which checks the client assertion as Entra ID does: PEM in one file or two, PFX with a password, subject name
 * and issuer with the chain; and what a user reads when the certificate is not registered, the assertion is out
 * of time, or a file or password is wrong.
 */
class CertificateAuthTest {
  private static final String PASSWORD = DefenderEmulator.SECRET_MARKER + "pfx-Pa55word";
  private static final HeldCertificate REGISTERED = TestCertificates.app("defender-sql app");
  private static final HeldCertificate CA = TestCertificates.authority();
  private static final HeldCertificate BY_SUBJECT = TestCertificates.issued("defender-sql by subject", CA);

  @TempDir static Path dir;
  private static DefenderEmulator emulator;

  @BeforeAll static void start() {
    emulator = DefenderEmulator.builder().alerts(20).machines(10).certificate(REGISTERED.certificate())
        .trustedSubject("CN=defender-sql by subject", CA.certificate()).build().start();
  }

  @AfterAll static void stop() {
    emulator.close();
  }

  private static Map<String, Object> certificate(DefenderEmulator e, Path file) {
    final Map<String, Object> operand = AuthTesting.operand(e);
    operand.put("auth", "certificate");
    operand.put("certificatePath", file.toString());
    return operand;
  }

  /** The query answers the emulator's machines, after a token request of the app that the endpoint granted. */
  private static void answers(Map<String, Object> operand) throws SQLException {
    emulator.clearRequestLog();
    assertEquals(machineIds(emulator), machineIds(operand));
    final RecordedRequest token = emulator.requestLog().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token"))
        .findFirst().orElseThrow();
    assertEquals(200, token.status());
    assertEquals(emulator.clientId(), token.clientId());
  }

  @Test void pemWithKeyAndCertificateInOneFile() throws Exception {
    answers(certificate(emulator, TestCertificates.pem(dir, REGISTERED)));
  }

  @Test void pemWithKeyAndCertificateInTwoFiles() throws Exception {
    final Map<String, Object> operand = certificate(emulator, TestCertificates.certificatePem(dir, REGISTERED));
    operand.put("certificateKeyPath", TestCertificates.keyPem(dir, REGISTERED).toString());
    answers(operand);
  }

  @Test void pfxWithItsPasswordInAFile() throws Exception {
    final Map<String, Object> operand = certificate(emulator, TestCertificates.pfx(dir, REGISTERED, PASSWORD));
    operand.put("certificatePasswordFile", TestCertificates.write(dir.resolve("pfx-password"), PASSWORD + "\n")
        .toString());
    answers(operand);
  }

  @Test void subjectNameAndIssuerSignInNeedsTheChain() throws Exception {
    final Map<String, Object> operand = certificate(emulator, TestCertificates.pem(dir, BY_SUBJECT, CA));
    operand.put("sendCertificateChain", "true");
    answers(operand);
    // Without x5c the endpoint only knows registered thumbprints, and this certificate's is not one.
    operand.put("sendCertificateChain", "false");
    final String m = messages(assertThrows(SQLException.class, () -> machineIds(operand)));
    assertTrue(m.contains("AADSTS700027"), m);
  }

  @Test void anUnregisteredCertificateIsRefusedNamingTheFix() throws Exception {
    final HeldCertificate other = TestCertificates.app("defender-sql app");
    final SQLException e = assertThrows(SQLException.class,
        () -> machineIds(certificate(emulator, TestCertificates.pem(dir, other))));
    final String m = messages(e);
    assertTrue(m.contains("AADSTS700027"), m);
    assertTrue(m.contains("is not registered on application"), m);
    assertTrue(m.contains("upload the certificate's public part"), m);
    assertTrue(m.contains("certificatePath / AZURE_CLIENT_CERTIFICATE_PATH"), m);
    assertEquals(ErrorKind.AUTHENTICATION.sqlState, sqlState(e));
  }

  @Test void anExpiredAssertionNamesTheClock() throws Exception {
    // The token endpoint's clock is two hours ahead: the ten-minute assertion azure-identity makes is expired.
    try (DefenderEmulator late = DefenderEmulator.builder().alerts(20).machines(10)
        .certificate(REGISTERED.certificate()).assertionClockSkew(Duration.ofHours(2)).build().start()) {
      final String m = messages(assertThrows(SQLException.class,
          () -> machineIds(certificate(late, TestCertificates.pem(dir, REGISTERED)))));
      assertTrue(m.contains("AADSTS700024"), m);
      assertTrue(m.contains("not within its valid time range"), m);
      assertTrue(m.contains("check this machine's clock"), m);
    }
  }

  @Test void aWrongPfxPasswordIsASettingsErrorWithoutThePassword() throws Exception {
    final Map<String, Object> operand = certificate(emulator, TestCertificates.pfx(dir, REGISTERED, PASSWORD));
    operand.put("certificatePassword", DefenderEmulator.SECRET_MARKER + "not-the-password");
    final String m = messages(assertThrows(Exception.class, () -> machineIds(operand)));
    assertTrue(m.contains("cannot be opened with the given password: check certificatePassword"
        + " / AZURE_CLIENT_CERTIFICATE_PASSWORD"), m);
    assertFalse(m.contains(DefenderEmulator.SECRET_MARKER), m);
    assertFalse(m.contains("at org."), "a message, not a stack trace: " + m);
  }

  @Test void aPfxWithoutItsPasswordAsksForIt() throws Exception {
    final String m = messages(assertThrows(Exception.class,
        () -> machineIds(certificate(emulator, TestCertificates.pfx(dir, REGISTERED, PASSWORD)))));
    assertTrue(m.contains("cannot be opened with no password: set its password in certificatePassword"), m);
  }

  @Test void aMissingFileIsASettingsError() {
    final String m = messages(assertThrows(Exception.class,
        () -> machineIds(certificate(emulator, dir.resolve("nowhere.pem")))));
    assertTrue(m.contains("certificatePath / AZURE_CLIENT_CERTIFICATE_PATH names a file that cannot be read: "
        + dir.resolve("nowhere.pem")), m);
  }

  @Test void aPemWithoutItsKeyNamesTheKeySetting() throws Exception {
    final String m = messages(assertThrows(Exception.class,
        () -> machineIds(certificate(emulator, TestCertificates.certificatePem(dir, REGISTERED)))));
    assertTrue(m.contains("holds no private key"), m);
    assertTrue(m.contains("certificateKeyPath"), m);
  }

  @Test void aKeyOfAnotherCertificateIsNamed() throws Exception {
    final Map<String, Object> operand = certificate(emulator, TestCertificates.certificatePem(dir, REGISTERED));
    operand.put("certificateKeyPath", TestCertificates.keyPem(dir, TestCertificates.app("other")).toString());
    final String m = messages(assertThrows(Exception.class, () -> machineIds(operand)));
    assertTrue(m.contains("does not match the private key given with it"), m);
  }

  private static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ErrorKind.AUTHENTICATION.sqlState.equals(s.getSQLState())) {
        return s.getSQLState();
      }
    }
    return e.getSQLState();
  }
}
