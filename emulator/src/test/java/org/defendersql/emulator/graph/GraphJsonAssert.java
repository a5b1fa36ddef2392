package org.defendersql.emulator.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defendersql.model.Column;
import org.defendersql.model.Entity;

/** Checks that Graph's JSON says exactly what a row of the emulator's Graph data holds. */
final class GraphJsonAssert {
  /** Graph's date-times: UTC, exactly seven fraction digits. */
  static final String SEVEN_DIGITS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z";

  private GraphJsonAssert() {
  }

  /** The entity's JSON names in model order. */
  static List<String> names(Entity entity) {
    return entity.columns().stream().map(Column::jsonName).toList();
  }

  /** The property names of a JSON object, in order. */
  static List<String> fieldNames(JsonNode object) {
    final List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The JSON object has the row's columns, in model order, with the row's values. */
  static void assertRow(Entity entity, Object[] row, JsonNode json, boolean expanded) {
    final List<String> names = new ArrayList<>(names(entity));
    if (!expanded && entity.expand() != null) {
      names.remove(entity.expand());
    }
    assertEquals(names, fieldNames(json), entity.tableName() + " properties");
    for (int i = 0; i < entity.columns().size(); i++) {
      final Column c = entity.columns().get(i);
      if (names.contains(c.jsonName())) {
        assertValue(row[i], json.get(c.jsonName()), entity.tableName() + "." + c.jsonName());
      }
    }
  }

  /** A value of the emulator's rows against its JSON. */
  static void assertValue(Object value, JsonNode node, String where) {
    assertTrue(node != null, where + " written");
    if (value == null) {
      assertTrue(node.isNull(), where + " should be null: " + node);
    } else if (value instanceof String s) {
      assertEquals(s, node.textValue(), where);
    } else if (value instanceof Long n) {
      assertTrue(node.isIntegralNumber(), where + " is a number: " + node);
      assertEquals(n.longValue(), node.longValue(), where);
    } else if (value instanceof Integer n) {
      assertEquals(n.intValue(), node.intValue(), where);
    } else if (value instanceof Boolean b) {
      assertEquals(b, node.booleanValue(), where);
    } else if (value instanceof Instant t) {
      assertTrue(node.textValue().matches(SEVEN_DIGITS), where + " format: " + node);
      assertEquals(t, Instant.parse(node.textValue()), where);
    } else if (value instanceof List<?> list) {
      assertTrue(node.isArray(), where + " is an array: " + node);
      assertEquals(list.size(), node.size(), where + " size");
      for (int i = 0; i < list.size(); i++) {
        assertValue(list.get(i), node.get(i), where + "[" + i + "]");
      }
    } else if (value instanceof Map<?, ?> map) {
      assertTrue(node.isObject(), where + " is an object: " + node);
      assertEquals(map.keySet().stream().map(String::valueOf).toList(), fieldNames(node), where + " properties");
      map.forEach((k, v) -> assertValue(v, node.get((String) k), where + "." + k));
    } else {
      throw new AssertionError(where + ": unexpected value type " + value.getClass());
    }
  }
}
