package org.defendersql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.calcite.avatica.DriverVersion;

/**
 * The driver's name and version, and the product it names before a server answers: defender-sql, of the driver's
 * own version (the project's, written into a resource when Maven builds the jar). Avatica's remote driver would
 * say "Avatica", "unknown version".
 */
final class DriverInfo {
  /** The product name, as the server reports it too. */
  static final String PRODUCT_NAME = "defender-sql";

  /** The driver's name, for {@code getDriverName}. */
  static final String DRIVER_NAME = "defender-sql JDBC driver";

  private static final String RESOURCE = "driver.properties";

  private DriverInfo() {
  }

  /** The version of the driver, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when not built by Maven. */
  static String version() {
    try (InputStream in = DriverInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      final Properties p = new Properties();
      p.load(in);
      final String v = p.getProperty("version", "").strip();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The driver's version for Avatica. It is not JDBC compliant in JDBC's sense (no transactions, read only), so it
   * says so.
   */
  static DriverVersion driverVersion() {
    final String v = version();
    final int major = part(v, 0);
    final int minor = part(v, 1);
    return new DriverVersion(DRIVER_NAME, v, PRODUCT_NAME, v, false, major, minor, major, minor);
  }

  /** A number of a dotted version (0.1.0-SNAPSHOT: 0, 1), or 0 if it has none there. */
  static int part(String version, int index) {
    final String[] parts = version.split("[.-]");
    try {
      return parts.length > index ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
