package org.defendersql.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading connection settings from operands and the environment, and keeping the secret hidden. */
class DefenderConnectionConfigTest {
  private static final Map<String, String> ENV = Map.of(
      "AZURE_TENANT_ID", "env-tenant", "AZURE_CLIENT_ID", "env-client", "AZURE_CLIENT_SECRET", "env-s3cr3t");

  @Test void environmentFillsWhatTheOperandLacks() {
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(Map.of("tenantId", "op-tenant"), ENV::get);
    assertEquals("op-tenant", c.tenantId());
    assertEquals("env-client", c.clientId());
    assertEquals("env-s3cr3t", c.clientSecret().reveal());
    assertEquals(URI.create("https://api.securitycenter.microsoft.com"), c.serverUrl());
    assertEquals(URI.create("https://login.microsoftonline.com"), c.authorityHost());
    assertEquals("https://api.securitycenter.microsoft.com/.default", c.scope());
  }

  @Test void missingSettingsAreAllNamed() {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DefenderConnectionConfig.from(Map.of(), k -> null));
    assertTrue(e.getMessage().contains("tenantId (environment AZURE_TENANT_ID) is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("clientId (environment AZURE_CLIENT_ID) is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("clientSecret (environment AZURE_CLIENT_SECRET) is not set"), e.getMessage());
  }

  @Test void serverUrlMustBeHttps() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DefenderConnectionConfig.from(Map.of("serverUrl", "http://example.com"), ENV::get));
    assertTrue(e.getMessage().contains("must be an https URL"), e.getMessage());
  }

  @Test void governmentCloudHasItsOwnScope() {
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(
        Map.of("serverUrl", "https://api-gov.securitycenter.microsoft.us/"), ENV::get);
    assertEquals("https://api-gov.securitycenter.microsoft.us/.default", c.scope());
    assertEquals(URI.create("https://api-gov.securitycenter.microsoft.us"), c.serverUrl());
  }

  @Test void secretNeverPrints() {
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(Map.of(), ENV::get);
    assertFalse(c.toString().contains("env-s3cr3t"), c.toString());
    assertFalse(String.valueOf(c.clientSecret()).contains("env-s3cr3t"));
    assertEquals(c, DefenderConnectionConfig.from(Map.of(), ENV::get));
  }

  @Test void secretCanComeFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    final java.nio.file.Path file = dir.resolve("secret.txt");
    java.nio.file.Files.writeString(file, "file-s3cr3t\n");
    final DefenderConnectionConfig c = DefenderConnectionConfig.from(Map.of("tenantId", "t", "clientId", "c",
        "clientSecretFile", file.toString()), k -> null);
    assertEquals("file-s3cr3t", c.clientSecret().reveal());
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        DefenderConnectionConfig.from(Map.of("tenantId", "t", "clientId", "c",
            "clientSecretFile", dir.resolve("missing").toString()), k -> null));
    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
  }
}
