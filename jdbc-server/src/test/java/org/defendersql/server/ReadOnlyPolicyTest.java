package org.defendersql.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-only check keeps its answer per text: a known query passes again, a change is refused every time. */
class ReadOnlyPolicyTest {
  @Test void queriesPassAgainAndChangesAreRefusedEveryTime() {
    final List<String> queries = List.of("select * from alerts where id = 'x'", "with a as (select 1) select * from a",
        "values 1", "select * from alerts where title = 'delete from alerts'");
    final List<String> changes = List.of("delete from alerts", "insert into machines select * from machines",
        "update alerts set title = 'x'", "DELETE FROM alerts",
        "merge into alerts a using machines m on a.id = m.id when matched then update set title = 'x'");
    for (int round = 0; round < 3; round++) {
      for (String q : queries) {
        assertDoesNotThrow(() -> ReadOnlyPolicy.check(q), q);
      }
      for (String c : changes) {
        final ClientError e = assertThrows(ClientError.class, () -> ReadOnlyPolicy.check(c), c);
        assertTrue(e.getErrorMessage().startsWith("defender-sql is read-only"), e.getErrorMessage());
      }
    }
  }

  @Test void aKnownQueryDoesNotLetASimilarChangeThrough() {
    ReadOnlyPolicy.check("select * from alerts");
    assertThrows(ClientError.class, () -> ReadOnlyPolicy.check("delete from alerts"));
  }
}
