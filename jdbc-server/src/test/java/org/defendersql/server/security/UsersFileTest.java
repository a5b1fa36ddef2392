package org.defendersql.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users file: hashes each mode can check are accepted, plain text and obfuscation refused by user and with
 * the command that makes a hash; the hashes are the ones Jetty checks.
 */
class UsersFileTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    final Path f = Files.createTempFile(dir, "users", ".properties");
    Files.writeString(f, content, StandardCharsets.ISO_8859_1);
    return f;
  }

  @Test void aBasicHashIsTheOneJettyChecksForThePassword() {
    final String credential = PasswordHashes.credential(AuthMode.BASIC, "alice", "correct horse");
    assertTrue(Credential.getCredential(credential).check("correct horse"));
    assertTrue(!Credential.getCredential(credential).check("correct horsE"));
    // The well-known MD5 of "password", so the format is the plain hex digest users can make with md5sum.
    assertEquals("MD5:5f4dcc3b5aa765d61d8327deb882cf99", PasswordHashes.credential(AuthMode.BASIC, "x",
        "password"));
  }

  @Test void aDigestHashCoversUserRealmAndPassword() {
    assertEquals(PasswordHashes.credential(AuthMode.BASIC, "x", "alice:Avatica:secret"),
        PasswordHashes.credential(AuthMode.DIGEST, "alice", "secret"));
  }

  @Test void hashedUsersAreAccepted() throws IOException {
    final Path f = file("# team\n" + PasswordHashes.line(AuthMode.BASIC, "alice", "a-password") + ", analyst\n"
        + PasswordHashes.line(AuthMode.BASIC, "bob", "b-password") + "\n");
    final List<String> warnings = new ArrayList<>();
    final UsersFile users = UsersFile.read(f, AuthMode.BASIC, warnings);
    assertEquals(Map.of("alice", PasswordHashes.credential(AuthMode.BASIC, "alice", "a-password"),
        "bob", PasswordHashes.credential(AuthMode.BASIC, "bob", "b-password")), users.users());
    assertEquals(List.of(), warnings);
  }

  @Test void aPlainTextPasswordIsRefusedNamingTheUserAndTheFix() throws IOException {
    final Path f = file(PasswordHashes.line(AuthMode.DIGEST, "alice", "x") + "\nbob: hunter22, analyst\n");
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> UsersFile.read(f, AuthMode.DIGEST, new ArrayList<>()));
    assertTrue(e.getMessage().contains("user 'bob': the password is in plain text"), e.getMessage());
    assertTrue(e.getMessage().contains("defender-sql-server hash-password --auth digest bob"), e.getMessage());
    assertTrue(!e.getMessage().contains("hunter22"), "the password itself is never repeated: " + e.getMessage());
  }

  @Test void obfuscationMalformedHashesAndEmptyFilesAreRefused() throws IOException {
    assertRefused("carol: OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v\n", AuthMode.BASIC, "OBF: is obfuscation");
    assertRefused("carol: MD5:1234\n", AuthMode.BASIC, "the hash is malformed");
    assertRefused("# nobody yet\n", AuthMode.BASIC, "names no user");
    assertRefused("carol: CRYPT:caYe2EkRhhlBo\n", AuthMode.DIGEST, "DIGEST authentication cannot check a CRYPT:");
    final SecurityConfigException missing = assertThrows(SecurityConfigException.class,
        () -> UsersFile.read(dir.resolve("absent"), AuthMode.BASIC, new ArrayList<>()));
    assertTrue(missing.getMessage().startsWith("Cannot read the users file"), missing.getMessage());
  }

  @Test void cryptWorksForBasicWithAWarningAndAFileOthersCanReadIsWarnedAbout() throws IOException {
    final Path f = file("carol: CRYPT:caYe2EkRhhlBo\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    final List<String> warnings = new ArrayList<>();
    UsersFile.read(f, AuthMode.BASIC, warnings);
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("only the first 8 characters"), warnings.toString());
    assertTrue(warnings.get(1).contains("chmod 600"), warnings.toString());
  }

  @Test void hashPasswordPrintsTheLineFromStandardInput() {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final int status = HashPasswordCommand.run(new String[] {"--auth", "digest", "alice"},
        new ByteArrayInputStream("s3cret pass\n".getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertEquals(PasswordHashes.line(AuthMode.DIGEST, "alice", "s3cret pass") + System.lineSeparator(),
        out.toString(StandardCharsets.UTF_8));
    final int usage = HashPasswordCommand.run(new String[] {"--auth", "none", "alice"},
        new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err));
    assertEquals(2, usage);
  }

  @Test void nonAsciiPasswordsAreRefused() {
    assertThrows(SecurityConfigException.class, () -> PasswordHashes.credential(AuthMode.BASIC, "alice", "pässword"));
  }

  private void assertRefused(String content, AuthMode mode, String expected) throws IOException {
    final Path f = file(content);
    final SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> UsersFile.read(f, mode, new ArrayList<>()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
