package org.defendersql.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.defendersql.adapter.DefenderModels;
import org.defendersql.adapter.DefenderSchemaFactory;
import org.defendersql.adapter.client.DefenderClients;
import org.defendersql.adapter.client.DefenderException;
import org.defendersql.adapter.config.DefenderConnectionConfig;
import org.defendersql.adapter.status.ConnectionProbe;
import org.defendersql.adapter.status.ConnectionReport;
import org.defendersql.emulator.DefenderEmulator;

/**
 * {@code defender-sql-server test-connection}: gets a token and probes every table's permission for the tenant
 * of the environment (or of each Defender schema of a model, or of an emulated tenant), printing one line per
 * check with the fix for each failure. Exit status 0 when everything works, 1 when anything fails, 2 on a usage
 * error.
 */
final class TestConnectionCommand {
  static final String USAGE = "usage: defender-sql-server test-connection [--model FILE | --emulator]";

  private TestConnectionCommand() {
  }

  /** Runs the command; the settings come from {@code env} unless a model file is named. */
  static int run(String[] args, Function<String, String> env, PrintStream out) {
    final List<Map<String, Object>> operands = new ArrayList<>();
    DefenderEmulator emulator = null;
    try {
      if (args.length == 2 && args[0].equals("--model")) {
        operands.addAll(modelOperands(Path.of(args[1])));
        if (operands.isEmpty()) {
          out.println("test-connection: the model " + args[1] + " has no schema made by "
              + DefenderSchemaFactory.class.getName());
          return 1;
        }
      } else if (args.length == 1 && args[0].equals("--emulator")) {
        emulator = DefenderEmulator.builder().alerts(100).machines(10).build().start();
        operands.add(DefenderModels.operand(emulator.environment()));
      } else if (args.length == 0) {
        operands.add(Map.of());
      } else {
        out.println(USAGE);
        return 2;
      }
      boolean ok = true;
      for (Map<String, Object> operand : operands) {
        ok &= test(operand, env, out);
      }
      return ok ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      out.println("test-connection: cannot read the model " + args[1] + ": " + e.getMessage());
      return 1;
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  private static boolean test(Map<String, Object> operand, Function<String, String> env, PrintStream out) {
    final DefenderConnectionConfig config;
    try {
      config = DefenderConnectionConfig.from(operand, env);
    } catch (IllegalArgumentException e) {
      out.println("Testing the connection\n  FAIL        settings\n              " + e.getMessage());
      out.println("Verdict: FAILED, the settings are incomplete.");
      return false;
    }
    final ConnectionReport report;
    try {
      report = ConnectionProbe.run(DefenderClients.of(config));
    } catch (DefenderException e) {
      out.println("Testing the connection to " + config.serverUrl() + "\n  FAIL        settings\n              "
          + e.getMessage());
      out.println("Verdict: FAILED.");
      return false;
    }
    out.print(report.format());
    out.flush();
    return report.ok();
  }

  /** The operands of the model's Defender schemas. */
  private static List<Map<String, Object>> modelOperands(Path file) throws IOException {
    final List<Map<String, Object>> operands = new ArrayList<>();
    final ObjectMapper json = new ObjectMapper();
    final JsonNode model = json.readTree(file.toFile());
    for (JsonNode schema : model.path("schemas")) {
      if (DefenderSchemaFactory.class.getName().equals(schema.path("factory").asText())) {
        @SuppressWarnings("unchecked")
        final Map<String, Object> operand = json.convertValue(schema.path("operand"), Map.class);
        operands.add(operand == null ? Map.of() : operand);
      }
    }
    return operands;
  }
}
