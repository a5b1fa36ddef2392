package org.defendersql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The short URL's translation to Avatica's form; a connection over it is tested against a server in client-tests. */
class DriverUrlTest {
  @Test void hostAndPortBecomeAnHttpUrlWithProtobuf() throws SQLException {
    assertEquals("jdbc:defender-sql:url=http://db.example:8765;serialization=protobuf",
        Driver.avaticaUrl("jdbc:defender-sql://db.example:8765", new Properties()));
    assertEquals("jdbc:defender-sql:url=http://127.0.0.1:8765;serialization=protobuf",
        Driver.avaticaUrl("jdbc:defender-sql://127.0.0.1:8765/", null));
  }

  @Test void propertiesAfterTheAddressPassAndSerializationCanBeChosen() throws SQLException {
    assertEquals("jdbc:defender-sql:url=http://h:1;serialization=protobuf;complexTypes=json;pushdown=false",
        Driver.avaticaUrl("jdbc:defender-sql://h:1;complexTypes=json;pushdown=false", null));
    assertEquals("jdbc:defender-sql:url=http://h:1;serialization=json",
        Driver.avaticaUrl("jdbc:defender-sql://h:1;serialization=json", null));
    final Properties info = new Properties();
    info.setProperty("serialization", "json");
    assertEquals("jdbc:defender-sql:url=http://h:1", Driver.avaticaUrl("jdbc:defender-sql://h:1", info));
  }

  @Test void tlsOrATrustStoreMakesAnHttpsUrlAndTlsIsNotPassedOn() throws SQLException {
    assertEquals("jdbc:defender-sql:url=https://h:1;serialization=protobuf;complexTypes=json",
        Driver.avaticaUrl("jdbc:defender-sql://h:1;tls=true;complexTypes=json", null));
    assertEquals("jdbc:defender-sql:url=https://h:1;serialization=protobuf;truststore=/t.p12",
        Driver.avaticaUrl("jdbc:defender-sql://h:1;truststore=/t.p12", null));
    assertEquals("jdbc:defender-sql:url=http://h:1;serialization=protobuf",
        Driver.avaticaUrl("jdbc:defender-sql://h:1;tls=false", null));
    final Properties info = new Properties();
    info.setProperty("tls", "true");
    assertEquals("jdbc:defender-sql:url=https://h:1;serialization=protobuf",
        Driver.avaticaUrl("jdbc:defender-sql://h:1", info));
  }

  @Test void malformedUrlsAreRefusedWithTheExpectedForm() {
    for (String url : new String[] {"jdbc:defender-sql:h:1", "jdbc:defender-sql://", "jdbc:defender-sql://h:1/db",
        "jdbc:defender-sql:url=http://h:1"}) {
      final SQLException e = assertThrows(SQLException.class, () -> Driver.avaticaUrl(url, null), url);
      assertTrue(e.getMessage().contains("jdbc:defender-sql://localhost:8765"), e.getMessage());
    }
  }

  @Test void theDriverAcceptsOnlyItsOwnUrlsAndIsRegistered() throws SQLException {
    final Driver d = new Driver();
    assertTrue(d.acceptsURL("jdbc:defender-sql://h:1"));
    assertFalse(d.acceptsURL("jdbc:avatica:remote:url=http://h:1"));
    assertNull(d.connect("jdbc:postgresql://h/db", new Properties()));
    assertTrue(DriverManager.getDriver("jdbc:defender-sql://h:1") instanceof Driver);
    assertTrue(DriverManager.getDriver("jdbc:avatica:remote:url=http://h:1")
        instanceof org.apache.calcite.avatica.remote.Driver);
  }

  /** Avatica's driver sends the server its info only: the URL's server properties are added to it. */
  @Test void theUrlsServerPropertiesGoToTheServerAndAvaticasStay() {
    final Properties info = new Properties();
    info.setProperty("queryTimeout", "30");
    info.setProperty("cache", "on");
    final Properties sent = Driver.serverProperties(
        "jdbc:defender-sql://h:1;complexTypes=json;cache=off;tls=true;serialization=json;truststore=/t.p12", info);
    final Properties want = new Properties();
    want.setProperty("queryTimeout", "30");
    want.setProperty("cache", "off");
    want.setProperty("complexTypes", "json");
    assertEquals(want, sent);
    assertEquals(new Properties(), Driver.serverProperties("jdbc:defender-sql://h:1", null));
  }
}
