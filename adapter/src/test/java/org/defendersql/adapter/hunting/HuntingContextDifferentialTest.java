package org.defendersql.adapter.hunting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.defendersql.emulator.DefenderEmulator;
import org.defendersql.emulator.RecordedRequest;
import org.defendersql.model.hunting.DerivedHuntingTable;
import org.defendersql.model.hunting.HuntingColumn;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.KqlType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 36 generated queries (each of the six shapes twice on each table) over the derived hunting tables ({@code device_context}, {@code device_users},
 * {@code file_prevalence}) with pushdown on and off give the same rows (filters of every kind on keys and on
 * aggregates, projections, GROUP BY, ORDER BY ... LIMIT, LIMIT, {@code ?} parameters), and each query is exactly
 * one hunting request on either connection: the derived table's pipeline with, or without, the query's KQL.
 */
class HuntingContextDifferentialTest {
  private static final int QUERIES = 36;
  private static DefenderEmulator emulator;
  private static Connection pushed;
  private static Connection reference;
  private static List<HuntingQueryGenerator> generators;

  @BeforeAll static void start() throws SQLException {
    emulator = HuntingDifferential.emulator();
    final Map<String, Object> operand = HuntingTenant.operand(emulator);
    pushed = HuntingTenant.connect(operand);
    reference = HuntingTenant.connectWithoutPushdown(operand);
    final SplittableRandom random = new SplittableRandom(11);
    generators = List.of(
        new HuntingQueryGenerator(random, HuntingModel.DEVICE_CONTEXT.shape(),
            ContextRows.deviceContext(emulator.hunting())),
        new HuntingQueryGenerator(random, HuntingModel.DEVICE_USERS.shape(),
            ContextRows.deviceUsers(emulator.hunting())),
        new HuntingQueryGenerator(random, HuntingModel.FILE_PREVALENCE.shape(),
            ContextRows.filePrevalence(emulator.hunting())));
  }

  @AfterAll static void stop() throws SQLException {
    pushed.close();
    reference.close();
    emulator.close();
  }

  @Test void pushdownNeverChangesAResultAndEachQueryIsOneRequest() throws SQLException {
    final SplittableRandom random = new SplittableRandom(23);
    final List<String> differences = new ArrayList<>();
    int filtered = 0;
    for (int i = 0; i < QUERIES; i++) {
      final HuntingQueryGenerator g = generators.get(i % generators.size());
      final HuntingDifferential.Query q = query(g, i / generators.size() % 6, random);
      emulator.clearRequestLog();
      final String difference = HuntingDifferential.compare(q, pushed, reference);
      if (difference != null) {
        differences.add(difference);
      }
      final List<String> kql = emulator.requestLog().stream().map(RecordedRequest::kql).filter(Objects::nonNull)
          .toList();
      // one request for each connection, both starting with the derived table's source
      assertEquals(2, kql.size(), q.sql() + " sent " + kql);
      final DerivedHuntingTable d = HuntingModel.derivedTableIgnoreCase(g.table().name()).orElseThrow();
      assertTrue(kql.stream().allMatch(k -> k.startsWith(d.source())), kql.toString());
      assertTrue(kql.contains(d.kql()), "the reference reads the whole table: " + kql);
      if (kql.stream().anyMatch(k -> !k.equals(d.kql()) && k.contains("| where "))) {
        filtered++;
      }
    }
    assertTrue(differences.isEmpty(), differences.size() + " of " + QUERIES + " queries differ:\n"
        + String.join("\n", differences));
    assertTrue(filtered > QUERIES / 2, "a where was pushed in only " + filtered + " of " + QUERIES + " queries");
  }

  /**
   * A query of a shape: 0 {@code select *}, 1 columns, 2 GROUP BY, 3 ORDER BY ... LIMIT, 4 LIMIT alone, 5 JDBC
   * parameters.
   */
  private static HuntingDifferential.Query query(HuntingQueryGenerator g, int shape, SplittableRandom random) {
    final String from = " from hunting." + g.table().name() + " h";
    final String where = " where " + g.condition();
    final HuntingColumn text = g.column(KqlType.STRING);
    final HuntingColumn time = g.column(KqlType.DATETIME);
    return switch (shape) {
      case 0 -> rows("select *" + from + where);
      case 1 -> rows("select " + HuntingQueryGenerator.quoted(text.name()) + ", " + HuntingQueryGenerator.quoted(
          time.name()) + from + where);
      case 2 -> rows("select " + HuntingQueryGenerator.quoted(text.name()) + ", count(*), max("
          + HuntingQueryGenerator.quoted(time.name()) + ")" + from + where + " group by "
          + HuntingQueryGenerator.quoted(text.name()));
      case 3 -> new HuntingDifferential.Query("select " + HuntingQueryGenerator.quoted(time.name()) + from + where
          + " order by " + HuntingQueryGenerator.quoted(time.name()) + (random.nextBoolean() ? " desc" : "")
          + " limit " + (1 + random.nextInt(8)), HuntingDifferential.Shape.LIST, List.of());
      case 4 -> new HuntingDifferential.Query("select " + HuntingQueryGenerator.quoted(text.name()) + from + where
          + " limit " + (1 + random.nextInt(8)), HuntingDifferential.Shape.SUBSET, List.of());
      default -> {
        final String keyName = g.table().identifying().get(random.nextInt(g.table().identifying().size()));
        final HuntingColumn key = g.table().column(keyName).orElseThrow(() -> new AssertionError(keyName));
        final Instant t = (Instant) g.value(time);
        yield new HuntingDifferential.Query("select *" + from + " where h." + HuntingQueryGenerator.quoted(key.name())
            + " = ? and h." + HuntingQueryGenerator.quoted(time.name()) + " >= ?", HuntingDifferential.Shape.ROWS,
            List.of(Objects.requireNonNullElse(g.value(key), "x"), new Timestamp(t.toEpochMilli()
                - random.nextInt(2))));
      }
    };
  }

  private static HuntingDifferential.Query rows(String sql) {
    return new HuntingDifferential.Query(sql, HuntingDifferential.Shape.ROWS, List.of());
  }
}
