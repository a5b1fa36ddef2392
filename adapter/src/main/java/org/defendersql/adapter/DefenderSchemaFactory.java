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

  @Override public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    return new DefenderSchema(DefenderClients.of(DefenderConnectionConfig.from(operand)));
  }
}
