package org.defendersql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.DriverVersion;

/**
 * The defender-sql JDBC driver for tools that want a short URL: {@code jdbc:defender-sql://HOST:PORT}, optionally
 * followed by {@code ;name=value} connection properties. It is Avatica's remote driver with protobuf as the
 * default serialization, whose {@code DatabaseMetaData} ({@link DefenderDatabaseMetaData}) names defender-sql and
 * the server's version as the product and answers keys, indexes and functions from the server, which Avatica's
 * own client answers with no rows, and whose statements keep {@code cancel()}, {@code setQueryTimeout},
 * {@code setMaxRows} and java.time parameters working ({@link DefenderFactory}).
 * {@code org.apache.calcite.avatica.remote.Driver} in the same jar keeps working with Avatica's own URLs,
 * unchanged.
 */
public class Driver extends org.apache.calcite.avatica.remote.Driver {
  /** What every URL of this driver starts with. */
  public static final String PREFIX = "jdbc:defender-sql:";

  /** The property that asks for {@code https://}: {@code tls=true}; implied by Avatica's {@code truststore}. */
  static final String TLS = "tls";

  static {
    new Driver().register();
  }

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  /** Avatica's factory with defender-sql's database metadata (called by Avatica's constructor). */
  @Override protected AvaticaFactory createFactory() {
    return new DefenderFactory(super.createFactory());
  }

  /** This driver's name and version; defender-sql as the product until a server says otherwise. */
  @Override protected DriverVersion createDriverVersion() {
    return DriverInfo.driverVersion();
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return super.connect(avaticaUrl(url, info), serverProperties(url, info));
  }

  /**
   * The properties the server receives: the driver properties and those of the URL (which win, as in Avatica),
   * without this driver's own ({@code tls}) and Avatica's (the server accepts only the client properties it
   * knows). Avatica's driver sends the server its {@code info} only, never the URL's properties, so without this
   * {@code jdbc:defender-sql://HOST:PORT;complexTypes=json} would reach the server without its property.
   */
  static Properties serverProperties(String url, Properties info) {
    final Properties passed = new Properties();
    if (info != null) {
      passed.putAll(info);
    }
    final int semicolon = url.indexOf(';');
    if (semicolon >= 0) {
      for (String p : url.substring(semicolon + 1).split(";")) {
        final String[] kv = p.split("=", 2);
        if (kv.length == 2 && !kv[0].isBlank() && !avaticas(kv[0].trim())) {
          passed.setProperty(kv[0].trim(), kv[1].trim());
        }
      }
    }
    passed.remove(TLS);
    return passed;
  }

  /** Whether a property is one of Avatica's own (url, serialization, truststore, ...), which stay client-side. */
  private static boolean avaticas(String name) {
    for (BuiltInConnectionProperty p : BuiltInConnectionProperty.values()) {
      if (p.camelName().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a connection asks for TLS, from the URL's properties or the driver properties. */
  private static boolean tls(List<String> urlProperties, Properties info) {
    boolean tls = info != null && (Boolean.parseBoolean(info.getProperty(TLS, "false"))
        || info.getProperty("truststore") != null);
    for (String p : urlProperties) {
      final String key = p.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
      final String value = p.contains("=") ? p.split("=", 2)[1].trim() : "";
      tls |= key.equals(TLS) && Boolean.parseBoolean(value) || key.equals("truststore");
    }
    return tls;
  }

  /**
   * Turns {@code jdbc:defender-sql://HOST:PORT[/][;name=value...]} into this driver's Avatica form,
   * {@code jdbc:defender-sql:url=http://HOST:PORT;serialization=protobuf[;name=value...]}, with {@code https://}
   * when {@code tls=true} or a {@code truststore} is given (the {@code tls} property itself is not passed on).
   * Serialization is added only when neither the URL nor {@code info} names one, so {@code serialization=json}
   * still works.
   */
  static String avaticaUrl(String url, Properties info) throws SQLException {
    final String rest = url.substring(PREFIX.length());
    if (!rest.startsWith("//")) {
      throw new SQLException("A defender-sql URL looks like jdbc:defender-sql://HOST:PORT (for example"
          + " jdbc:defender-sql://localhost:8765), not '" + url + "'.", "08001");
    }
    final int semicolon = rest.indexOf(';');
    String address = semicolon < 0 ? rest.substring(2) : rest.substring(2, semicolon);
    final String properties = semicolon < 0 ? "" : rest.substring(semicolon + 1);
    if (address.endsWith("/")) {
      address = address.substring(0, address.length() - 1);
    }
    if (address.isEmpty() || address.contains("/") || address.contains("=")) {
      throw new SQLException("The server address of '" + url + "' must be HOST:PORT, for example"
          + " jdbc:defender-sql://localhost:8765.", "08001");
    }
    final List<String> given = new ArrayList<>();
    for (String p : properties.split(";")) {
      if (!p.isBlank() && !p.split("=", 2)[0].trim().equalsIgnoreCase(TLS)) {
        given.add(p);
      }
    }
    final boolean tls = tls(List.of(properties.split(";")), info);
    final StringBuilder b =
        new StringBuilder(PREFIX).append(tls ? "url=https://" : "url=http://").append(address);
    final boolean serializationGiven = (info != null && info.getProperty("serialization") != null)
        || (";" + properties.toLowerCase(Locale.ROOT)).matches("(?s).*;\\s*serialization\\s*=.*");
    if (!serializationGiven) {
      b.append(";serialization=protobuf");
    }
    if (!given.isEmpty()) {
      b.append(';').append(String.join(";", given));
    }
    return b.toString();
  }
}
