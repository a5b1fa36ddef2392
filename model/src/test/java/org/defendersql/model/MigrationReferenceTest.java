package org.defendersql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's migration table is the one the model generates, and every successor names a Graph table. */
class MigrationReferenceTest {
  @Test void readmeHoldsTheGeneratedTable() throws IOException {
    final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    final int begin = readme.indexOf(MigrationReference.BEGIN);
    final int end = readme.indexOf(MigrationReference.END);
    assertTrue(begin >= 0 && end > begin, "README.md lacks the migration markers");
    assertEquals(MigrationReference.markdown(), readme.substring(begin + MigrationReference.BEGIN.length() + 1, end),
        "README.md's migration table is stale: regenerate it with"
            + " java -cp model/target/classes org.defendersql.model.MigrationReference");
  }

  @Test void successorsAreGraphTablesOrHunting() {
    for (Entity e : DefenderModel.entities(Api.MDE)) {
      if (e.hasGraphSuccessor()) {
        assertTrue(MigrationReference.permission(e.successor()).endsWith(".Read.All"), e.tableName());
      } else {
        assertTrue(e.successor().matches("none \\(.+\\)"), e.tableName() + ": says why Graph has none");
      }
    }
    assertEquals("SecurityAlert.Read.All", MigrationReference.permission("graph_alert_evidence where x = 1"));
    assertThrows(IllegalStateException.class, () -> MigrationReference.permission("alerts"));
    assertThrows(IllegalStateException.class, () -> MigrationReference.permission("no_such_table"));
  }
}
