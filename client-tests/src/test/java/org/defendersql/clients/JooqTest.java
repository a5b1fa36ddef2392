package org.defendersql.clients;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.defendersql.model.DefenderModel;
import org.defendersql.model.Entity;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jOOQ (no Calcite dialect: {@link SQLDialect#DEFAULT}) over the server: bound {@code limit}/{@code offset}
 * (jOOQ binds them as {@code Long}), {@code java.time} values against a TIMESTAMP column, and a read-only
 * transaction that commits.
 */
class JooqTest {
  private static final int ALERTS = 900;
  private static final Entity A = DefenderModel.ALERTS;
  private static final Table<?> ALERTS_TABLE = table(name("alerts"));
  private static final Field<String> ID = field(name("id"), String.class);
  private static final Field<String> SEVERITY = field(name("severity"), String.class);
  private static final Field<LocalDateTime> CREATED = field(name("alert_creation_time"), LocalDateTime.class);
  private static ServedTenant tenant;

  @BeforeAll static void start() throws Exception {
    tenant = ServedTenant.start(ALERTS, 150);
  }

  @AfterAll static void stop() {
    if (tenant != null) {
      tenant.close();
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(tenant.jdbcUrl());
  }

  /** The API's creation instants as the TIMESTAMP column holds them (milliseconds). */
  private static List<Instant> creationInstants() {
    return tenant.rows(A).stream().map(r -> ((Instant) ServedTenant.value(A, r, "alert_creation_time"))
        .truncatedTo(ChronoUnit.MILLIS)).sorted().collect(Collectors.toList());
  }

  @Test void boundLimitAndOffsetPageThroughTheTable() throws SQLException {
    final List<String> all = tenant.rows(A).stream().map(r -> (String) ServedTenant.value(A, r, "id")).sorted()
        .collect(Collectors.toList());
    try (Connection c = connect()) {
      final DSLContext dsl = DSL.using(c, SQLDialect.DEFAULT);
      final Query page = dsl.select(ID).from(ALERTS_TABLE).orderBy(ID).limit(25).offset(30);
      // Bound, not inlined: what the server receives is "... ?" with two BIGINT parameters.
      assertFalse(page.getSQL().contains("25"), page.getSQL());
      assertEquals(all.subList(30, 55), dsl.select(ID).from(ALERTS_TABLE).orderBy(ID).limit(25).offset(30)
          .fetch(ID));
      assertEquals(all.subList(0, 10), dsl.select(ID).from(ALERTS_TABLE).orderBy(ID).limit(10).fetch(ID));
    }
  }

  @Test void javaTimeValuesCompareWithTheTimestampColumn() throws SQLException {
    final List<Instant> created = creationInstants();
    final Instant cut = created.get(created.size() / 3);
    final long atOrAfter = created.stream().filter(t -> !t.isBefore(cut)).count();
    final long before = created.size() - atOrAfter;
    try (Connection c = connect()) {
      final DSLContext dsl = DSL.using(c, SQLDialect.DEFAULT);
      // A LocalDateTime is the column's own kind of value: the UTC wall clock.
      final LocalDateTime wallClock = LocalDateTime.ofInstant(cut, ZoneOffset.UTC);
      assertEquals(atOrAfter, dsl.selectCount().from(ALERTS_TABLE).where(CREATED.ge(wallClock)).fetchOne(0, Long.class));
      // An OffsetDateTime names an instant, whatever its offset: the same cut seen from UTC+02:00.
      final OffsetDateTime sameInstant = cut.atOffset(ZoneOffset.ofHours(2));
      final Field<OffsetDateTime> createdAt = field(name("alert_creation_time"), OffsetDateTime.class);
      assertEquals(before, dsl.selectCount().from(ALERTS_TABLE).where(createdAt.lt(sameInstant))
          .fetchOne(0, Long.class));
      // And a value read back is the API's time.
      final Object[] first = tenant.rows(A).get(0);
      assertEquals(ServedTenant.utcWallClock((Instant) ServedTenant.value(A, first, "alert_creation_time")),
          dsl.select(CREATED).from(ALERTS_TABLE).where(ID.eq((String) ServedTenant.value(A, first, "id")))
              .fetchOne(CREATED));
    }
  }

  @Test void aReadOnlyTransactionCommits() throws SQLException {
    final long high = tenant.rows(A).stream().filter(r -> "High".equals(ServedTenant.value(A, r, "severity"))).count();
    try (Connection c = connect()) {
      c.setReadOnly(true);
      final DSLContext dsl = DSL.using(c, SQLDialect.DEFAULT);
      final Long got = dsl.transactionResult(cfg -> DSL.using(cfg).selectCount().from(ALERTS_TABLE)
          .where(SEVERITY.eq("High")).fetchOne(0, Long.class));
      assertEquals(high, got);
      assertTrue(c.getAutoCommit(), "jOOQ restores auto-commit after the commit");
      assertEquals(ALERTS, dsl.fetchCount(ALERTS_TABLE), "the connection still answers after the transaction");
    }
  }
}
