package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.DefenderModel;
import org.defendersql.server.security.AuthMode;
import org.defendersql.server.security.PasswordHashes;
import org.defendersql.server.security.SecurityOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants in one server, each a schema; a user whose line in the users file grants {@code schema.contoso}
 * reads contoso only, neither fabrikam's rows nor its name in the metadata; a user with no schema role reads both.
 */
class SchemaAccessTest {
  @TempDir static Path dir;
  private static DefenderEmulator contoso;
  private static DefenderEmulator fabrikam;
  private static DefenderServer server;

  @BeforeAll static void start() throws Exception {
    contoso = DefenderEmulator.builder().alerts(30).machines(4).seed(11).build().start();
    fabrikam = DefenderEmulator.builder().alerts(17).machines(3).seed(12).build().start();
    final List<Map<String, Object>> schemas = new ArrayList<>();
    schemas.add(schema("contoso", contoso));
    schemas.add(schema("fabrikam", fabrikam));
    final Map<String, Object> model = new LinkedHashMap<>();
    model.put("version", "1.0");
    model.put("defaultSchema", "fabrikam");
    model.put("schemas", schemas);
    final Path users = dir.resolve("users.properties");
    Files.writeString(users, PasswordHashes.line(AuthMode.BASIC, "alice", "a-secret") + ", schema.contoso\n"
        + PasswordHashes.line(AuthMode.BASIC, "bob", "b-secret") + "\n");
    final TenantSource tenant = new TenantSource("inline:" + new ObjectMapper().writeValueAsString(model),
        "two tenants", null);
    server = DefenderServer.start(tenant, "127.0.0.1", 0, ServerLimits.DEFAULT,
        SecurityOptions.NONE.withAuth(AuthMode.BASIC, users));
  }

  private static Map<String, Object> schema(String name, DefenderEmulator e) {
    final Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("type", "custom");
    s.put("factory", DefenderSchemaFactory.class.getName());
    s.put("operand", DefenderModels.operand(e.environment()));
    return s;
  }

  @AfterAll static void stop() {
    server.close();
    contoso.close();
    fabrikam.close();
  }

  private static Connection connect(String user) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(),
        SecureServers.user(AuthMode.BASIC, user, user.charAt(0) + "-secret"));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> schemas(Connection c) throws SQLException {
    final List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getSchemas()) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_SCHEM"));
      }
    }
    return out;
  }

  @Test void aUserGrantedOneSchemaReadsItAndNothingOfTheOther() throws SQLException {
    try (Connection alice = connect("alice")) {
      assertEquals(contoso.data().count(DefenderModel.ALERTS), count(alice, "select count(*) from contoso.alerts"));
      assertEquals(contoso.data().count(DefenderModel.ALERTS), count(alice, "select count(*) from alerts"),
          "the default schema becomes the granted one");
      final SQLException e = assertThrows(SQLException.class,
          () -> count(alice, "select count(*) from fabrikam.alerts"));
      assertTrue(e.getSQLState().startsWith("42"), e.getSQLState() + " " + e.getMessage());
      final List<String> names = schemas(alice);
      assertTrue(names.contains("contoso"), names.toString());
      assertFalse(names.contains("fabrikam"), names.toString());
      try (ResultSet rs = alice.getMetaData().getTables(null, "fabrikam", "%", null)) {
        assertFalse(rs.next(), "no table of fabrikam in the metadata");
      }
    }
  }

  @Test void aUserWithoutSchemaRolesReadsEveryTenant() throws SQLException {
    try (Connection bob = connect("bob")) {
      assertEquals(contoso.data().count(DefenderModel.ALERTS), count(bob, "select count(*) from contoso.alerts"));
      assertEquals(fabrikam.data().count(DefenderModel.ALERTS), count(bob, "select count(*) from fabrikam.alerts"));
      assertTrue(schemas(bob).containsAll(List.of("contoso", "fabrikam")), schemas(bob).toString());
    }
  }
}
