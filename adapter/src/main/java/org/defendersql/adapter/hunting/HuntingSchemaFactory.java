package org.defendersql.adapter.hunting;

import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.adapter.client.DefenderClients;
import org.defendersql.adapter.config.DefenderConnectionConfig;

/**
 * Creates the hunting schema named in a Calcite model, from the same operand as the Defender schema:
 * <pre>{@code
 * {"name": "hunting", "type": "custom", "factory": "org.defendersql.adapter.hunting.HuntingSchemaFactory",
 *  "operand": {"tenantId": "...", "clientId": "...", "clientSecret": "...", "huntingApi": "graph"}}
 * }</pre>
 * Equal operands give the same shared client as the Defender schema's: one credential, one token per audience,
 * one call budget. A schema of its own (rather than a sub-schema of {@code defender}) keeps the tables one name
 * deep ({@code hunting.DeviceProcessEvents}), as analysts write them in KQL.
 */
public class HuntingSchemaFactory implements SchemaFactory {
  /** Calcite instantiates factories reflectively. */
  public HuntingSchemaFactory() {
  }

  @Override public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    return new HuntingSchema(DefenderClients.of(DefenderConnectionConfig.from(operand)),
        DefenderSchemaFactory.pushdown(operand));
  }
}
