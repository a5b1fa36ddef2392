package org.defendersql.adapter;

import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.defendersql.adapter.client.DefenderClients;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.model.settings.Setting;

/**
 * Creates the Defender schema named in a Calcite model:
 * <pre>{@code
 * {"name": "defender", "type": "custom", "factory": "org.defendersql.adapter.DefenderSchemaFactory",
 *  "operand": {"serverUrl": "...", "tenantId": "...", "clientId": "...", "clientSecret": "..."}}
 * }</pre>
 * Settings missing from the operand are read from the environment (see {@link DefenderConnectionConfig}).
 */
public class DefenderSchemaFactory implements SchemaFactory {
  /** Calcite instantiates factories reflectively. */
  public DefenderSchemaFactory() {
  }

  /** The operand that turns pushdown off, for differential testing and for users who suspect it. */
  public static final String PUSHDOWN = Setting.PUSHDOWN.operand;

  /** The operand that bounds the keyed requests of one scan. */
  public static final String MAX_LOOKUPS = Setting.MAX_LOOKUPS.operand;

  /** Pushdown is on unless the operand (or the environment) says {@code false}; the hunting schema reads it too. */
  public static boolean pushdown(Map<String, Object> operand) {
    final String v = value(operand, Setting.PUSHDOWN);
    final String s = v.toLowerCase(java.util.Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new IllegalArgumentException("The Defender setting " + Setting.PUSHDOWN.names()
          + " must be true or false, not '" + v + "'");
    }
    return s.equals("true");
  }

  static int maxLookups(Map<String, Object> operand) {
    final String v = value(operand, Setting.MAX_LOOKUPS);
    try {
      final int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("The Defender setting " + Setting.MAX_LOOKUPS.names()
        + " must be a whole number of at least 1, not '" + v + "'");
  }

  /** The operand's value, else the environment's, else the default. */
  private static String value(Map<String, Object> operand, Setting s) {
    final Object v = operand.get(s.operand);
    if (v != null) {
      return v.toString().trim();
    }
    final String env = System.getenv(s.env);
    return env == null || env.isBlank() ? s.defaultValue : env.trim();
  }

  @Override public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    final DefenderConnectionConfig config = DefenderConnectionConfig.from(operand);
    return new DefenderSchema(DefenderClients.of(config), pushdown(operand), maxLookups(operand));
  }
}
