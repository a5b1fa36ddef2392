package org.defendersql.adapter;

import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.defendersql.adapter.client.DefenderClients;
import org.defendersql.adapter.config.DefenderConnectionConfig;

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
  public static final String PUSHDOWN = "pushdown";

  /** Pushdown is on unless the operand says {@code "pushdown": false}. */
  static boolean pushdown(Map<String, Object> operand) {
    final Object v = operand.get(PUSHDOWN);
    if (v == null) {
      return true;
    }
    final String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new IllegalArgumentException("The Defender schema operand 'pushdown' must be true or false, not '" + v
          + "'");
    }
    return s.equals("true");
  }

  /** The operand that bounds the keyed requests of one scan. */
  public static final String MAX_LOOKUPS = "maxLookups";

  /** The default bound: a selective query costs a handful of requests, a runaway join is stopped. */
  static final int DEFAULT_MAX_LOOKUPS = 50;

  static int maxLookups(Map<String, Object> operand) {
    final Object v = operand.get(MAX_LOOKUPS);
    if (v == null) {
      return DEFAULT_MAX_LOOKUPS;
    }
    try {
      final int n = Integer.parseInt(v.toString().trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("The Defender schema operand 'maxLookups' must be a whole number of at"
        + " least 1, not '" + v + "'");
  }

  @Override public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    return new DefenderSchema(DefenderClients.of(DefenderConnectionConfig.from(operand)), pushdown(operand),
        maxLookups(operand));
  }
}
