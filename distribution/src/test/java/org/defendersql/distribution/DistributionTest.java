package org.defendersql.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution as an operator unpacks it: its layout, its launcher, and its sample configuration
 * completed as conf/README.txt says (a user added with the packaged hash-password run through the launcher, a
 * key store made with README's own keytool command, the client secrets written where the model names them)
 * passing check-config run on the packaged jars alone.
 */
class DistributionTest {
  private static final String VERSION = System.getProperty("distribution.version");
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final String KEYSTORE_PASSWORD = "a-test-keystore-password";
  @TempDir static Path dir;
  private static Path home;

  @BeforeAll static void unpack() throws IOException {
    final Path archive = Path.of(System.getProperty("distribution.archive"));
    assertTrue(Files.isRegularFile(archive), "the archive is built: " + archive);
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      Tar.extract(in, dir);
    }
    home = dir.resolve("defender-sql-" + VERSION);
  }

  @Test void theLayoutHasTheLauncherTheServerTheDriverAndTheSamples() throws IOException {
    final Path launcher = home.resolve("bin/defender-sql-server");
    assertTrue(Files.isExecutable(launcher), "bin/defender-sql-server is executable");
    final Set<String> lib = names(home.resolve("lib"));
    assertTrue(lib.contains("defender-sql-jdbc-server-" + VERSION + ".jar"), lib.toString());
    assertTrue(lib.stream().anyMatch(n -> n.startsWith("avatica-server-")), lib.toString());
    assertFalse(lib.stream().anyMatch(n -> n.contains("jdbc-driver")), "the driver is not on the server's path");
    assertFalse(lib.stream().anyMatch(n -> n.startsWith("junit") || n.startsWith("wiremock")), lib.toString());
    assertEquals(Set.of("defender-sql-jdbc-driver.jar"), names(home.resolve("driver")));
    try (ZipFile driver = new ZipFile(home.resolve("driver/defender-sql-jdbc-driver.jar").toFile())) {
      assertNotNull(driver.getEntry("org/defendersql/jdbc/Driver.class"), "the single driver jar");
    }
    assertTrue(names(home.resolve("conf")).containsAll(Set.of("README.txt", "defender-sql.json", "users.properties")),
        names(home.resolve("conf")).toString());
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(home.resolve("conf/users.properties")), "password hashes kept private");
  }

  @Test void theLauncherFindsJavaAndSetsTheJvmOptions() throws IOException {
    final String sh = Files.readString(home.resolve("bin/defender-sql-server"));
    assertTrue(sh.startsWith("#!/bin/sh\n"), "a POSIX sh script");
    assertFalse(sh.contains("\r"), "Unix line ends");
    for (String s : List.of("-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=", "$JAVA_HOME/bin/java",
        "$JAVA_OPTS", "$DEFENDER_SQL_OPTS", "\"-Ddefender-sql.home=$DEFENDER_SQL_HOME\"", "\"$DEFENDER_SQL_HOME/lib/*\"", "org.defendersql.server.DefenderServerMain",
        "exec ", "\"$@\"")) {
      assertTrue(sh.contains(s), "the launcher has " + s);
    }
    // JAVA_OPTS after the defaults, so that an operator's -XX:MaxRAMPercentage wins.
    assertTrue(sh.indexOf("$DEFAULT_JVM_OPTS $JAVA_OPTS $DEFENDER_SQL_OPTS") > 0, sh);
  }

  @Test void theSampleConfigurationCompletedAsItsReadmeSaysPassesCheckConfig() throws Exception {
    final Path conf = home.resolve("conf");
    // A user, hashed by the packaged hash-password run through the launcher.
    final Result hashed = run(List.of("/bin/sh", home.resolve("bin/defender-sql-server").toString(),
        "hash-password", "--auth", "basic", "analyst"), Map.of("JAVA_HOME", System.getProperty("java.home")),
        "analyst-password\n");
    assertEquals(0, hashed.status(), hashed.out());
    assertTrue(hashed.out().startsWith("analyst: MD5:"), hashed.out());
    Files.writeString(conf.resolve("users.properties"), hashed.out(), java.nio.file.StandardOpenOption.APPEND);
    // The key store, made with README's keytool command as written.
    final List<String> keytool = readmeCommand(Files.readString(conf.resolve("README.txt")), "keytool -genkeypair");
    keytool.set(0, Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    final Map<String, String> env = Map.of("DEFENDER_SQL_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    final Result made = run(keytool, env, "");
    assertEquals(0, made.status(), made.out());
    // The secrets where the model names them (here under a temporary directory instead of /run/secrets).
    final Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("contoso-client-secret"), "contoso-secret-value\n");
    Files.writeString(secrets.resolve("fabrikam-client-secret"), "fabrikam-secret-value\n");
    final Path model = conf.resolve("defender-sql.json");
    Files.writeString(model, Files.readString(model).replace("/run/secrets/defender-sql/", secrets + "/"));

    final Result checked = run(List.of(JAVA.toString(), "-cp", home.resolve("lib") + "/*",
        "org.defendersql.server.DefenderServerMain", "check-config", "--host", "0.0.0.0", "--auth", "basic",
        "--users", "conf/users.properties", "--tls-keystore", "conf/server.p12", "--model", "conf/defender-sql.json",
        "--audit-log", dir.resolve("audit.jsonl").toString()), env, "");
    assertEquals(0, checked.status(), checked.out());
    for (String check : List.of("listen", "users file", "TLS key store", "schema contoso", "schema fabrikam",
        "model", "view contoso.high_alerts", "audit log")) {
      assertTrue(checked.out().lines().anyMatch(l -> l.startsWith(String.format("  %-5s %-16s", "OK", check))),
          check + " is OK in\n" + checked.out());
    }
    assertFalse(checked.out().contains("FAIL") || checked.out().contains("WARN"), checked.out());
    assertFalse(checked.out().contains("secret-value") || checked.out().contains(KEYSTORE_PASSWORD), checked.out());
  }

  @Test void theDockerfileRunsTheArchiveAsAnotherUserWithAuthentication() throws IOException {
    // No docker here: the definition is checked against the archive's layout and the server's rules.
    final String docker = Files.readString(Path.of(System.getProperty("distribution.basedir"), "Dockerfile"));
    assertTrue(docker.contains("\nFROM eclipse-temurin:17-jre\n"), docker);
    assertTrue(docker.contains("ARG VERSION=" + VERSION + "\n"), "the default version is this one's");
    assertTrue(docker.contains("ADD target/defender-sql-${VERSION}.tar.gz /opt/"), "the archive as built");
    assertTrue(docker.contains("RUN ln -s /opt/defender-sql-${VERSION} /opt/defender-sql"), docker);
    assertTrue(docker.contains("\nUSER defender:defender\n"), "not root");
    assertTrue(docker.contains("\nEXPOSE 8765\n"), docker);
    assertTrue(docker.contains("HEALTHCHECK") && docker.contains("https://localhost:8765/health"), docker);
    assertTrue(docker.contains("ENTRYPOINT [\"/opt/defender-sql/bin/defender-sql-server\"]"), docker);
    final String cmd = docker.substring(docker.indexOf("\nCMD ["));
    for (String option : List.of("\"--host\", \"0.0.0.0\"", "\"--auth\", \"basic\"", "\"--users\"",
        "\"--tls-keystore\"", "\"--model\", \"/opt/defender-sql/conf/defender-sql.json\"",
        "\"--budget-state\", \"/var/lib/defender-sql/api-budget.json\"")) {
      assertTrue(cmd.contains(option), "CMD has " + option + ": " + cmd);
    }
  }

  /** What a process printed (standard output and error together) and its exit status. */
  private record Result(int status, String out) {
  }

  private static Result run(List<String> command, Map<String, String> env, String stdin) throws Exception {
    final ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    final Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ended: " + command);
    return new Result(p.exitValue(), out);
  }

  /** The README command starting with {@code start}, its continuation lines joined, split as sh would. */
  static List<String> readmeCommand(String readme, String start) {
    final StringBuilder text = new StringBuilder();
    boolean in = false;
    for (String line : readme.lines().toList()) {
      final String t = line.strip();
      if (!in && !t.startsWith(start)) {
        continue;
      }
      in = true;
      if (t.endsWith("\\")) {
        text.append(t, 0, t.length() - 1).append(' ');
      } else {
        text.append(t);
        break;
      }
    }
    assertFalse(text.isEmpty(), "README.txt has " + start);
    final List<String> words = new ArrayList<>();
    final StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : text.toString().toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(w.toString());
    }
    return words;
  }

  private static Set<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return Set.copyOf(s.map(p -> p.getFileName().toString()).toList());
    }
  }

}
