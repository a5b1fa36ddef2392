package org.defendersql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table reference is the one the model generates. */
class TableReferenceTest {
  @Test void readmeHoldsTheGeneratedReference() throws IOException {
    final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    final int begin = readme.indexOf(TableReference.BEGIN);
    final int end = readme.indexOf(TableReference.END);
    assertTrue(begin >= 0 && end > begin, "README.md lacks the table-reference markers");
    assertEquals(TableReference.markdown(), readme.substring(begin + TableReference.BEGIN.length() + 1, end),
        "README.md's table reference is stale: regenerate it with"
            + " java -cp model/target/classes org.defendersql.model.TableReference");
  }
}
