package org.defendersql.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.adapter.config.DefenderConnectionConfig.Setting;
import org.defendersql.emulator.DefenderEmulator;

/**
 * Where the server's Defender tenant comes from, as the Calcite {@code model} connection property: a model file
 * of the user's, the environment (the schema factory reads {@code AZURE_TENANT_ID} and the rest), or an
 * emulated tenant started in-process.
 */
record TenantSource(String model, String description, DefenderEmulator emulator) {

  /** The schema the generated models declare, and the default schema of every connection. */
  static final String SCHEMA = "defender";

  /** A user's Calcite model file. */
  static TenantSource modelFile(Path file) {
    return new TenantSource(file.toAbsolutePath().toString(), "the model " + file, null);
  }

  /** A real tenant described by the environment variables; no setting is copied into the model. */
  static TenantSource environment() {
    return new TenantSource(inline(Map.of()), "the tenant of the environment (" + System.getenv(
        Setting.SERVER_URL.env) + ")", null);
  }

  /** An emulated tenant, started here. */
  static TenantSource emulated(DefenderEmulator emulator) {
    final Map<String, Object> operand = new LinkedHashMap<>();
    operand.put(Setting.SERVER_URL.operand, emulator.baseUrl());
    operand.put(Setting.AUTHORITY_HOST.operand, emulator.authorityHost());
    operand.put(Setting.TENANT_ID.operand, emulator.tenantId());
    operand.put(Setting.CLIENT_ID.operand, emulator.clientId());
    operand.put(Setting.CLIENT_SECRET.operand, emulator.clientSecret());
    operand.put(Setting.CA_CERT.operand, emulator.certificateFile().toString());
    return new TenantSource(inline(operand), "the emulated tenant at " + emulator.baseUrl(), emulator);
  }

  /** An inline Calcite model with one Defender schema, the default schema, with this operand. */
  static String inline(Map<String, Object> operand) {
    final Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", SCHEMA);
    schema.put("type", "custom");
    schema.put("factory", DefenderSchemaFactory.class.getName());
    schema.put("operand", operand);
    final Map<String, Object> model = new LinkedHashMap<>();
    model.put("version", "1.0");
    model.put("defaultSchema", SCHEMA);
    model.put("schemas", List.of(schema));
    try {
      return "inline:" + new ObjectMapper().writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
