package org.defendersql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rewriting a setting of an inline model: every Defender and hunting schema gets it, the same answer each time. */
class DefenderModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test void everySchemaGetsTheValueAndEachValueItsOwnModel() throws Exception {
    final String model = DefenderModels.inline(Map.of("tenantId", "t1", "cache", "on"));
    for (int i = 0; i < 2; i++) {
      for (String value : new String[] {"off", "on", "off"}) {
        final JsonNode schemas = JSON.readTree(DefenderModels.withOperand(model, "cache", value).substring(7))
            .get("schemas");
        assertEquals(2, schemas.size());
        for (JsonNode s : schemas) {
          assertEquals(value, s.get("operand").get("cache").asText());
          assertEquals("t1", s.get("operand").get("tenantId").asText());
        }
      }
    }
    final JsonNode off = JSON.readTree(DefenderModels.withoutPushdown(model).substring(7)).get("schemas");
    assertEquals(false, off.get(0).get("operand").get("pushdown").asBoolean());
  }

  @Test void aModelFileCannotBeRewritten() {
    for (int i = 0; i < 2; i++) {
      assertThrows(IllegalArgumentException.class, () -> DefenderModels.withOperand("/etc/model.json", "cache", "off"));
    }
  }
}
