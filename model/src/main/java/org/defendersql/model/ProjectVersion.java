package org.defendersql.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of defender-sql, e.g. {@code 0.1.0-SNAPSHOT}: the Maven project version, written into a resource
 * of this module when it is built, so that the server can report it to JDBC tools.
 */
public final class ProjectVersion {
  private static final String RESOURCE = "defender-sql.properties";
  private static final String VERSION = load();

  private ProjectVersion() {
  }

  /** The version, or {@code unknown} when the classes were not built by Maven (the resource is unfiltered). */
  public static String version() {
    return VERSION;
  }

  /** The major version: the number before the first dot (0 for 0.1.0-SNAPSHOT), or 0 if unknown. */
  public static int major() {
    return part(0);
  }

  /** The minor version: the number after the first dot (1 for 0.1.0-SNAPSHOT), or 0 if unknown. */
  public static int minor() {
    return part(1);
  }

  private static int part(int index) {
    final String[] parts = VERSION.split("[.-]");
    try {
      return parts.length > index ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String load() {
    try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      final Properties p = new Properties();
      p.load(in);
      final String v = p.getProperty("version", "").strip();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
