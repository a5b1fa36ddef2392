package org.defendersql.adapter.auth;

import static org.defendersql.adapter.auth.AuthTesting.machineIds;
import static org.defendersql.adapter.auth.AuthTesting.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.emulator.auth.ManagedIdentity;
import org.defendersql.emulator.auth.ManagedIdentityEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Managed identity through azure-identity's ManagedIdentityCredential against the emulator's App Service style
 * identity endpoint: the system-assigned identity, a user-assigned one by client id, resource id or object id,
 * and what a user reads when the resource has no such identity.
 *
 * <p>MSAL for Java reads {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} from the process environment
 * itself; a test cannot set those, so it gives MSAL the emulator's through MSAL's own test hook (the static
 * {@code ManagedIdentityApplication.environmentVariables}, msal4j 1.23), set by reflection and reset after.
 */
class ManagedIdentityTest {
  private static final String USER_CLIENT_ID = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
  private static final String USER_OBJECT_ID = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
  private static final String USER_RESOURCE_ID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups"
      + "/security/providers/Microsoft.ManagedIdentity/userAssignedIdentities/defender-sql";

  private static DefenderEmulator emulator;

  @BeforeAll static void start() throws Exception {
    emulator = DefenderEmulator.builder().alerts(20).machines(10).systemAssignedIdentity()
        .userAssignedIdentity(USER_CLIENT_ID, USER_OBJECT_ID, USER_RESOURCE_ID).build().start();
    msalEnvironment(emulator.managedIdentityEnvironment());
  }

  @AfterAll static void stop() throws Exception {
    msalEnvironment(null);
    emulator.close();
  }

  /** Points MSAL's managed-identity source detection at these variables (null: the process environment). */
  private static void msalEnvironment(Map<String, String> variables) throws Exception {
    final Class<?> type = Class.forName("com.microsoft.aad.msal4j.IEnvironmentVariables");
    final Object env = variables == null ? null : Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> method.getName().equals("getEnvironmentVariable") ? variables.get((String) args[0])
            : method.invoke(variables, args));
    final Field field = ManagedIdentityApplication.class.getDeclaredField("environmentVariables");
    field.setAccessible(true);
    field.set(null, env);
  }

  /** The emulator's settings for managed identity: no app, no secret, no tenant. */
  private static Map<String, Object> identity(Map<String, Object> extra) {
    final Map<String, Object> operand = AuthTesting.operand(emulator);
    operand.remove("clientId");
    operand.remove("tenantId");
    operand.put("auth", "managedIdentity");
    operand.putAll(extra);
    return operand;
  }

  /** The query answers the emulator's machines with a token the identity endpoint gave this identity. */
  private static void answersAs(String identityClientId, Map<String, Object> operand) throws SQLException {
    emulator.clearRequestLog();
    assertEquals(machineIds(emulator), machineIds(operand));
    final List<RecordedRequest> asked = emulator.requestLog().stream()
        .filter(r -> r.path().equals(ManagedIdentityEndpoint.PATH)).toList();
    assertEquals(1, asked.size(), "one token request: " + asked);
    assertEquals(200, asked.get(0).status());
    assertEquals(identityClientId, asked.get(0).clientId());
    assertTrue(asked.get(0).rawQuery().contains("api-version=2019-08-01"), asked.get(0).rawQuery());
  }

  private static String clientIdOf(boolean systemAssigned) {
    return emulator.managedIdentities().stream().filter(i -> i.systemAssigned() == systemAssigned)
        .map(ManagedIdentity::clientId).findFirst().orElseThrow();
  }

  @Test void theSystemAssignedIdentity() throws Exception {
    answersAs(clientIdOf(true), identity(Map.of()));
  }

  @Test void aUserAssignedIdentityByClientId() throws Exception {
    answersAs(USER_CLIENT_ID, identity(Map.of("clientId", USER_CLIENT_ID)));
  }

  @Test void aUserAssignedIdentityByResourceId() throws Exception {
    answersAs(USER_CLIENT_ID, identity(Map.of("managedIdentityResourceId", USER_RESOURCE_ID)));
  }

  @Test void aUserAssignedIdentityByObjectId() throws Exception {
    answersAs(USER_CLIENT_ID, identity(Map.of("managedIdentityObjectId", USER_OBJECT_ID)));
  }

  @Test void connectionStatusNamesTheIdentityNotATenantOrClient() {
    // The description only: a probe would take a token, which MSAL caches for the whole process, and the other
    // tests count the token requests of each identity.
    assertEquals("system-assigned managed identity", org.defendersql.adapter.status.ConnectionProbe.identity(
        org.defendersql.adapter.config.DefenderConnectionConfig.from(identity(Map.of()), name -> null)));
    assertEquals("user-assigned managed identity, object id " + USER_OBJECT_ID,
        org.defendersql.adapter.status.ConnectionProbe.identity(org.defendersql.adapter.config.DefenderConnectionConfig
            .from(identity(Map.of("managedIdentityObjectId", USER_OBJECT_ID)), name -> null)));
    assertEquals("user-assigned managed identity, client id " + USER_CLIENT_ID,
        org.defendersql.adapter.status.ConnectionProbe.identity(org.defendersql.adapter.config.DefenderConnectionConfig
            .from(identity(Map.of("clientId", USER_CLIENT_ID)), name -> null)));
  }

  @Test void anIdentityNotAssignedToTheResourceIsNamedWithTheFix() {
    final String missing = "99999999-8888-4777-8666-555555555555";
    final String m = messages(assertThrows(SQLException.class,
        () -> machineIds(identity(Map.of("clientId", missing)))));
    assertTrue(m.contains("No token from the managed identity (the user-assigned identity with client id " + missing
        + ")"), m);
    assertTrue(m.contains("No User Assigned or Delegated Managed Identity found"), m);
    assertTrue(m.contains("assign this user-assigned identity to it"), m);
    assertFalse(m.contains(emulator.managedIdentityEnvironment().get("IDENTITY_HEADER")), m);
  }

  @Test void oneWayOfNamingTheIdentityOnly() {
    final String m = messages(assertThrows(Exception.class, () -> machineIds(identity(Map.of(
        "clientId", USER_CLIENT_ID, "managedIdentityObjectId", USER_OBJECT_ID)))));
    assertTrue(m.contains("auth = managedIdentity names a user-assigned identity one way only"), m);
  }
}
