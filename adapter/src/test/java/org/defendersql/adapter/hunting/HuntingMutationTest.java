package org.defendersql.adapter.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the differential test can fail: the translator's source is compiled with one mutation ({@code <=}
 * written as {@code <}), loaded in a class loader of its own together with Calcite and the adapter, and the
 * differential queries run against it must find a result that differs from the reference.
 */
class HuntingMutationTest {
  private static final Path SOURCE = Path.of("src/main/java/org/defendersql/adapter/kql/KqlFilterTranslator.java");
  private static final String ORIGINAL = "case LESS_THAN_OR_EQUAL -> \"<=\";";
  private static final String MUTATED = "case LESS_THAN_OR_EQUAL -> \"<\";";

  @Test void aMutatedTranslatorIsCaught(@TempDir Path classes) throws Exception {
    final String source = Files.readString(SOURCE);
    assertEquals(1, source.split(java.util.regex.Pattern.quote(ORIGINAL), -1).length - 1,
        "the translator writes <= in exactly one place");
    final Path mutated = classes.resolve("src/org/defendersql/adapter/kql/KqlFilterTranslator.java");
    Files.createDirectories(mutated.getParent());
    Files.writeString(mutated, source.replace(ORIGINAL, MUTATED));
    final String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-proc:none", "-nowarn", "-cp", classpath, "-d",
        classes.resolve("out").toString(), mutated.toString()), "the mutated translator compiles");

    final List<URL> urls = new ArrayList<>(List.of(classes.resolve("out").toUri().toURL()));
    for (String entry : classpath.split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    try (DefenderEmulator emulator = HuntingDifferential.emulator();
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      final Map<String, Object> operand = HuntingTenant.operand(emulator);
      // The reference first: DriverManager finds its drivers with the context class loader of its first use.
      final Connection reference = HuntingTenant.connectReference(operand);
      final Thread thread = Thread.currentThread();
      final ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try (reference; Connection mutant = connect(loader, DefenderModels.inline(operand))) {
        assertNotNull(mutant);
        final HuntingDifferential queries = new HuntingDifferential(emulator, 42);
        String difference = null;
        int run = 0;
        while (difference == null && run < HuntingDifferentialTest.QUERIES) {
          difference = HuntingDifferential.compare(
              queries.next(HuntingDifferentialTest.SHAPES[run % HuntingDifferentialTest.SHAPES.length]), mutant,
              reference);
          run++;
        }
        assertNotNull(difference, "no difference found in " + run + " queries: the differential test would miss"
            + " a translator that writes < for <=");
        assertTrue(difference.contains("<="), "the difference is in a <= comparison: " + difference);
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  /** A connection made by the Calcite driver of the mutant's class loader, with the server's lexical policy. */
  private static Connection connect(ClassLoader loader, String model) throws Exception {
    final Driver driver = (Driver) loader.loadClass("org.apache.calcite.jdbc.Driver").getDeclaredConstructor()
        .newInstance();
    final Properties p = new Properties();
    p.setProperty("model", model);
    p.setProperty("defaultNullCollation", "LAST");
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    return driver.connect("jdbc:calcite:", p);
  }
}
