package org.defendersql.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The single driver jar as a BI tool uses it: alone in a fresh class loader whose parent is the platform class
 * loader (so nothing of this test's class path is visible), its drivers found through
 * {@code META-INF/services/java.sql.Driver}, querying a real server.
 */
class DriverJarAloneTest {
  private static final int ALERTS = 700;
  private static Path jar;
  private static URLClassLoader loader;
  private static ServedTenant tenant;

  @BeforeAll static void start() throws Exception {
    jar = Path.of(System.getProperty("driver.jar", "../jdbc-driver/target/defender-sql-jdbc-driver.jar"));
    assertTrue(Files.isRegularFile(jar), "no driver jar at " + jar.toAbsolutePath()
        + ": build it first (./mvnw -B -pl jdbc-driver package)");
    loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    tenant = ServedTenant.start(ALERTS, 100);
  }

  @AfterAll static void stop() throws IOException {
    if (tenant != null) {
      tenant.close();
    }
    if (loader != null) {
      loader.close();
    }
  }

  /** The driver of that class, as {@link java.sql.DriverManager} would find it in the jar. */
  private static Driver driver(String className) {
    final List<String> found = new ArrayList<>();
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      found.add(d.getClass().getName());
      if (d.getClass().getName().equals(className)) {
        assertSame(loader, d.getClass().getClassLoader(), "loaded from the jar, not from elsewhere");
        return d;
      }
    }
    throw new AssertionError(className + " is not in the jar's META-INF/services/java.sql.Driver: " + found);
  }

  private Map<String, Long> severities(Connection c) throws SQLException {
    final Map<String, Long> got = new TreeMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select severity, count(*) from alerts group by severity")) {
      while (rs.next()) {
        got.put(rs.getString(1), rs.getLong(2));
      }
    }
    return got;
  }

  private static Map<String, Long> emulatorSeverities() {
    return tenant.rows(DefenderModel.ALERTS).stream().collect(Collectors.groupingBy(
        r -> (String) ServedTenant.value(DefenderModel.ALERTS, r, "severity"), TreeMap::new, Collectors.counting()));
  }

  @Test void avaticasDriverLoadsAloneAndQueriesTheServerQuietly() throws Exception {
    final Driver d = driver("org.apache.calcite.avatica.remote.Driver");
    final PrintStream err = System.err;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final Map<String, Long> got;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (Connection c = d.connect(tenant.jdbcUrl(), new Properties())) {
      assertSame(loader, c.getClass().getClassLoader());
      got = severities(c);
    } finally {
      System.setErr(err);
    }
    assertEquals(emulatorSeverities(), got);
    assertEquals(ALERTS, got.values().stream().mapToLong(Long::longValue).sum());
    // slf4j without a binding says so on stderr ("SLF4J(W): No SLF4J providers were found"): the jar has its own.
    final String stderr = captured.toString(StandardCharsets.UTF_8);
    assertFalse(stderr.contains("SLF4J"), stderr);
  }

  @Test void theShortUrlOfTheThinDriverDefaultsToProtobuf() throws Exception {
    final Driver d = driver("org.defendersql.jdbc.Driver");
    final String url = "jdbc:defender-sql:" + tenant.httpAddress().substring("http:".length());
    assertTrue(d.acceptsURL(url), url);
    try (Connection c = d.connect(url, new Properties())) {
      assertEquals("PROTOBUF", serialization(c));
      assertEquals(emulatorSeverities(), severities(c));
    }
    // A serialization named in the URL wins over the default (the server speaks both).
    try (Connection c = d.connect(url + ";serialization=json", new Properties())) {
      assertEquals("JSON", serialization(c));
      assertEquals(emulatorSeverities(), severities(c));
    }
  }

  /**
   * Properties written in the short URL reach the server, as BI tools that have only a URL field need: Avatica's
   * driver alone would send the server its driver properties only.
   */
  @Test void theShortUrlsPropertiesReachTheServer() throws Exception {
    final String url = "jdbc:defender-sql:" + tenant.httpAddress().substring("http:".length())
        + ";complexTypes=json;pushdown=false";
    try (Connection c = driver("org.defendersql.jdbc.Driver").connect(url, new Properties());
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select mitre_techniques from alerts limit 1")) {
        assertEquals(java.sql.Types.VARCHAR, rs.getMetaData().getColumnType(1), "complexTypes=json: arrays as text");
      }
      try (ResultSet rs = s.executeQuery("explain plan for select id from alerts where severity = 'High'")) {
        assertTrue(rs.next());
        final String plan = rs.getString(1);
        assertTrue(plan.contains("request=[GET /api/alerts") && !plan.contains("$filter")
            && !plan.contains("$select"), "pushdown=false: nothing pushed\n" + plan);
      }
    }
  }

  @Test void theThinDriverNamesTheProductAndReportsKeysWhileAvaticasStaysAsItWas() throws Exception {
    final String url = "jdbc:defender-sql:" + tenant.httpAddress().substring("http:".length());
    try (Connection c = driver("org.defendersql.jdbc.Driver").connect(url, new Properties())) {
      final java.sql.DatabaseMetaData md = c.getMetaData();
      assertEquals("defender-sql", md.getDatabaseProductName());
      assertEquals(org.defendersql.model.ProjectVersion.version(), md.getDatabaseProductVersion());
      assertEquals(List.of("id"), column(md.getPrimaryKeys(null, "defender", "alerts"), "COLUMN_NAME"));
      assertEquals(List.of("machines"), column(md.getImportedKeys(null, "defender", "alerts"), "PKTABLE_NAME"));
    }
    // Avatica's own driver in the same jar answers as before: its own name, no keys.
    try (Connection c = driver("org.apache.calcite.avatica.remote.Driver").connect(tenant.jdbcUrl(),
        new Properties())) {
      assertEquals("Avatica", c.getMetaData().getDatabaseProductName());
      assertEquals(List.of(), column(c.getMetaData().getPrimaryKeys(null, "defender", "alerts"), "COLUMN_NAME"));
    }
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    final List<String> values = new ArrayList<>();
    try (ResultSet r = rs) {
      while (r.next()) {
        values.add(r.getString(name));
      }
    }
    return values;
  }

  /** The serialization the connection speaks, read through reflection: its classes are the jar's, not ours. */
  private static String serialization(Connection c) throws ReflectiveOperationException {
    final Object config = c.getClass().getMethod("config").invoke(c);
    return String.valueOf(config.getClass().getMethod("serialization").invoke(config)).toUpperCase(Locale.ROOT);
  }

  @Test void theJarCarriesNoUnrelocatedLibrary() throws IOException {
    // Nothing but Avatica's packages (its libraries relocated under it) and ours: no clash with a host's slf4j.
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.slf4j.LoggerFactory", false, loader));
    final List<String> foreign = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(j.entries())) {
        final String n = e.getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/versions/")
            && !n.startsWith("org/apache/calcite/avatica/") && !n.startsWith("org/defendersql/jdbc/")) {
          foreign.add(n);
        }
      }
      assertEquals(List.of(), foreign, "classes outside the driver's own packages");
      try (InputStream in = j.getInputStream(j.getEntry("META-INF/services/java.sql.Driver"))) {
        final String services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(services.contains("org.apache.calcite.avatica.remote.Driver"), services);
        assertTrue(services.contains("org.defendersql.jdbc.Driver"), services);
      }
    }
  }
}
