package org.defendersql.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/** Checks that an entity's JSON says exactly what a data row holds, column by column, per the model. */
public final class RowJson {
  private RowJson() {
  }

  /** The top-level JSON names of an entity, in model order. */
  public static List<String> topLevelNames(Entity entity) {
    final List<String> names = new ArrayList<>();
    for (Column c : entity.columns()) {
      if (!names.contains(c.jsonName())) {
        names.add(c.jsonName());
      }
    }
    return names;
  }

  public static void assertMatches(Entity entity, Object[] row, JsonNode json) {
    for (Column c : entity.columns()) {
      final Object value = row[entity.indexOf(c)];
      final JsonNode top = json.get(c.jsonName());
      assertTrue(top != null, "property written: " + c.jsonName());
      if (c.isNested()) {
        if (top.isNull()) {
          assertEquals(null, value, c.sqlName() + " is null when its object is");
          continue;
        }
        assertValue(c, value, top.get(c.leafName()));
      } else {
        assertValue(c, value, top);
      }
    }
  }

  private static void assertValue(Column c, Object value, JsonNode node) {
    assertTrue(node != null, "property written: " + c.sqlName());
    if (value == null) {
      assertTrue(node.isNull(), c.sqlName() + " should be null: " + node);
      return;
    }
    switch (c.edmType()) {
      case STRING, ENUM, GUID -> assertEquals(value, node.textValue(), c.sqlName());
      case INT32 -> assertEquals(value, node.intValue(), c.sqlName());
      case INT64 -> assertEquals(value, node.longValue(), c.sqlName());
      case DOUBLE -> assertEquals(value, node.doubleValue(), c.sqlName());
      case BOOLEAN -> assertEquals(value, node.booleanValue(), c.sqlName());
      case DATE_TIME_OFFSET -> {
        final String text = node.textValue();
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,6}[1-9])?Z"),
            c.sqlName() + " format: " + text);
        assertEquals(value, Instant.parse(text), c.sqlName());
      }
      case STRING_COLLECTION -> {
        final List<String> texts = new ArrayList<>();
        node.forEach(n -> texts.add(n.textValue()));
        assertEquals(value, texts, c.sqlName());
      }
      case COMPLEX_COLLECTION -> {
        final List<?> items = (List<?>) value;
        assertEquals(items.size(), node.size(), c.sqlName());
        for (int i = 0; i < items.size(); i++) {
          final Map<?, ?> item = (Map<?, ?>) items.get(i);
          assertEquals(c.elementType().fields().size(), node.get(i).size(), "every field written");
          for (Column f : c.elementType().fields()) {
            assertValue(f, item.get(f.jsonName()), node.get(i).get(f.jsonName()));
          }
        }
      }
    }
  }
}
