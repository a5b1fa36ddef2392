package org.defendersql.server;

import java.nio.file.Path;
import java.util.Map;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.model.settings.Setting;

/**
 * Where the server's Defender tenant comes from, as the Calcite {@code model} connection property: a model file
 * of the user's, the environment (the schema factory reads {@code AZURE_TENANT_ID} and the rest), or an
 * emulated tenant started in-process.
 */
record TenantSource(String model, String description, DefenderEmulator emulator) {

  /** A user's Calcite model file. */
  static TenantSource modelFile(Path file) {
    return new TenantSource(file.toAbsolutePath().toString(), "the model " + file, null);
  }

  /** A real tenant described by the environment variables; no setting is copied into the model. */
  static TenantSource environment() {
    return new TenantSource(DefenderModels.inline(Map.of()), "the tenant of the environment ("
        + System.getenv(Setting.SERVER_URL.env) + ")", null);
  }

  /** An emulated tenant, started here. */
  static TenantSource emulated(DefenderEmulator emulator) {
    return new TenantSource(DefenderModels.inline(DefenderModels.operand(emulator.environment())),
        "the emulated tenant at " + emulator.baseUrl(), emulator);
  }
}
