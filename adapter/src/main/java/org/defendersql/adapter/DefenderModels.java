package org.defendersql.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defendersql.adapter.hunting.HuntingSchema;
import org.defendersql.adapter.hunting.HuntingSchemaFactory;
import org.defendersql.model.settings.Setting;

/** Builds Calcite models of a Defender schema, for applications that connect with {@code jdbc:calcite:}. */
public final class DefenderModels {
  /** The schema name the models declare, and their default schema. */
  public static final String SCHEMA = "defender";

  /**
   * Models rewritten lately, by model, key and value: a server rewrites its one model for every connection that
   * sets {@code cache=off}, and reading and writing its JSON was a quarter of opening such a connection.
   */
  private static final Cache<List<Object>, String> REWRITTEN = CacheBuilder.newBuilder().maximumSize(64).build();

  private DefenderModels() {
  }

  /**
   * An inline model ({@code inline:{...}}, the value of Calcite's {@code model} connection property) with the
   * Defender schema, the default schema, and the hunting schema ({@link HuntingSchema#NAME}), both with the given
   * operand: one tenant, one shared client.
   */
  public static String inline(Map<String, ?> operand) {
    final Map<String, Object> model = new LinkedHashMap<>();
    model.put("version", "1.0");
    model.put("defaultSchema", SCHEMA);
    model.put("schemas", List.of(schema(SCHEMA, DefenderSchemaFactory.class, operand),
        schema(HuntingSchema.NAME, HuntingSchemaFactory.class, operand)));
    try {
      return "inline:" + new ObjectMapper().writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> schema(String name, Class<?> factory, Map<String, ?> operand) {
    final Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", name);
    schema.put("type", "custom");
    schema.put("factory", factory.getName());
    schema.put("operand", operand);
    return schema;
  }

  /**
   * The same inline model with pushdown turned off in every Defender and hunting schema: the queries then read
   * whole tables
   * and Calcite does all the work, which tells whether pushdown changed a result.
   */
  public static String withoutPushdown(String inlineModel) {
    return withOperand(inlineModel, DefenderSchemaFactory.PUSHDOWN, false);
  }

  /**
   * The same inline model with one setting of every Defender and hunting schema's operand replaced (e.g. a
   * connection's {@code cache=off}).
   */
  public static String withOperand(String inlineModel, String key, Object value) {
    final List<Object> rewrite = Arrays.asList(inlineModel, key, value);
    final String known = REWRITTEN.getIfPresent(rewrite);
    if (known != null) {
      return known;
    }
    final String rewritten = rewrite(inlineModel, key, value);
    REWRITTEN.put(rewrite, rewritten);
    return rewritten;
  }

  @SuppressWarnings("unchecked")
  private static String rewrite(String inlineModel, String key, Object value) {
    if (!inlineModel.startsWith("inline:")) {
      throw new IllegalArgumentException("only an inline model can be rewritten; set \"" + key + "\": " + value
          + " in the operand of the Defender schema of your model file instead");
    }
    try {
      final ObjectMapper mapper = new ObjectMapper();
      final Map<String, Object> model = mapper.readValue(inlineModel.substring("inline:".length()), Map.class);
      for (Object s : (List<Object>) model.getOrDefault("schemas", List.of())) {
        final Map<String, Object> schema = (Map<String, Object>) s;
        if (DefenderSchemaFactory.class.getName().equals(schema.get("factory"))
            || HuntingSchemaFactory.class.getName().equals(schema.get("factory"))) {
          final Map<String, Object> operand = new LinkedHashMap<>(
              (Map<String, Object>) schema.getOrDefault("operand", Map.of()));
          operand.put(key, value);
          schema.put("operand", operand);
        }
      }
      return "inline:" + mapper.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON model: " + e.getOriginalMessage(), e);
    }
  }

  /** The operand equivalent to settings given as environment variables ({@code AZURE_TENANT_ID}, ...). */
  public static Map<String, Object> operand(Map<String, String> environment) {
    final Map<String, Object> operand = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      final String value = s.env == null ? null : environment.get(s.env);
      if (value != null) {
        operand.put(s.operand, value);
      }
    }
    return operand;
  }
}
