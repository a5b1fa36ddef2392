package org.defendersql.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections whose queries always reach the API ({@code cache=off}), given as a driver property: Avatica's
 * driver does not send the server the properties written in its URL.
 */
final class Uncached {
  private Uncached() {
  }

  static Connection connect(String url) throws SQLException {
    final Properties p = new Properties();
    if (url.startsWith("jdbc:avatica:")) {
      p.setProperty("cache", "off");
    }
    return DriverManager.getConnection(url, p);
  }
}
