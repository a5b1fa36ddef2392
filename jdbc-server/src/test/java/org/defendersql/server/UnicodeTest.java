package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.DefenderModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text in any language, also outside the Basic Multilingual Plane, works in literals, parameters, results and
 * pushed filters, over both serializations: Calcite's default character set is ISO-8859-1, which cannot hold
 * '测试', so the adapter's {@code saffron.properties} makes it UTF-16.
 */
class UnicodeTest {
  private static final String WORDS = "测试 𝒜😀 Ωμέγα Привет مرحبا";
  private static ServedTenant tenant;
  private static String analyst;
  private static Set<String> analystsAlerts;

  @BeforeAll static void start() throws SQLException {
    tenant = ServedTenant.start(200, 20);
    final int owner = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.column("assigned_to").orElseThrow());
    final int id = DefenderModel.ALERTS.indexOf(DefenderModel.ALERTS.key());
    analyst = tenant.emulator.data().rows(DefenderModel.ALERTS).map(r -> (String) r[owner])
        .filter(Objects::nonNull).findFirst().orElseThrow();
    analystsAlerts = tenant.emulator.data().rows(DefenderModel.ALERTS).filter(r -> analyst.equals(r[owner]))
        .map(r -> (String) r[id]).collect(Collectors.toSet());
  }

  @AfterAll static void stop() {
    tenant.close();
  }

  private static Connection connect(String serialization) throws SQLException {
    return serialization.equals("json") ? tenant.connectJson() : tenant.connect();
  }

  @ParameterizedTest(name = "{0}") @ValueSource(strings = {"protobuf", "json"})
  void literalsComeBackIntact(String serialization) throws SQLException {
    try (Connection c = connect(serialization); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select '" + WORDS + "' as w, char_length('𝒜😀') as n from alerts limit 1")) {
      assertTrue(rs.next());
      assertEquals(WORDS, rs.getString(1));
    }
  }

  @ParameterizedTest(name = "{0}") @ValueSource(strings = {"protobuf", "json"})
  void nonLatinLiteralsArePushedEscapedAndTheRowsMatch(String serialization) throws SQLException {
    for (String word : new String[] {"测试", "𝒜'😀"}) {
      final String literal = word.replace("'", "''");
      tenant.emulator.clearRequestLog();
      final Set<String> got = new HashSet<>();
      try (Connection c = connect(serialization); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select id from alerts where assigned_to = '" + literal
               + "' or assigned_to = '" + analyst + "'")) {
        while (rs.next()) {
          got.add(rs.getString(1));
        }
      }
      assertEquals(analystsAlerts, got, word);
      assertFalse(got.isEmpty());
      // OData escapes a quote by doubling it, as SQL does.
      assertTrue(tenant.emulator.requestLog().stream().map(RecordedRequest::query)
          .anyMatch(q -> q.contains("assignedTo eq '" + literal + "'")), word + ": " + tenant.emulator.requestLog());
    }
  }

  /** Embedded, as an application using the adapter connects: the same character set, from the adapter's jar. */
  @org.junit.jupiter.api.Test void embeddedCalciteToo() throws SQLException {
    final java.util.Properties p = DefenderServer.connectionProperties(TenantSource.emulated(tenant.emulator));
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:calcite:", p); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from alerts where assigned_to <> '测试😀'")) {
      assertTrue(rs.next());
      assertEquals(tenant.column(DefenderModel.ALERTS, "assigned_to").stream().filter(Objects::nonNull).count(),
          rs.getLong(1));
    }
  }

  @ParameterizedTest(name = "{0}") @ValueSource(strings = {"protobuf", "json"})
  void parametersInAnyLanguage(String serialization) throws SQLException {
    try (Connection c = connect(serialization);
         PreparedStatement ps = c.prepareStatement(
             "select cast(? as varchar(100)) as w, count(*) from alerts where assigned_to = ?")) {
      ps.setString(1, WORDS);
      ps.setString(2, "测试😀");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(WORDS, rs.getString(1));
        assertEquals(0, rs.getLong(2));
      }
    }
  }
}
