package org.defendersql.model.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's configuration tables are the ones the settings list generates; names are unique. */
class SettingsReferenceTest {
  @Test void readmeHoldsTheGeneratedTables() throws IOException {
    final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    for (Setting.Group g : Setting.Group.values()) {
      final int begin = readme.indexOf(SettingsReference.begin(g));
      final int end = readme.indexOf(SettingsReference.end(g));
      assertTrue(begin >= 0 && end > begin, "README.md lacks the markers of the " + g + " settings");
      assertEquals(SettingsReference.markdown(g), readme.substring(begin + SettingsReference.begin(g).length() + 1,
          end), "README.md's " + g + " settings are stale: regenerate them with"
              + " java -cp model/target/classes org.defendersql.model.settings.SettingsReference");
    }
  }

  @Test void operandsEnvironmentVariablesAndClientPropertiesAreUnique() {
    final Set<String> seen = new HashSet<>();
    for (Setting s : Setting.values()) {
      if (s.group == Setting.Group.CONNECTION) {
        assertTrue(s.operand == null && s.env == null && s.clientProperty != null, s.name());
      } else {
        assertTrue(seen.add("operand " + s.operand), s.operand);
        assertTrue(seen.add("env " + s.env), s.env);
        assertTrue(s.env.matches("(AZURE|DEFENDER)_[A-Z_]+"), s.env);
      }
      assertTrue(!s.description.isBlank() && !s.label.isBlank(), s.name());
      if (s.clientProperty != null) {
        assertTrue(seen.add("client " + s.clientProperty), s.clientProperty);
      }
    }
    assertTrue(Arrays.stream(Setting.values()).noneMatch(s -> s.clientProperty != null
        && (s == Setting.CLIENT_SECRET || s == Setting.SERVER_URL || s == Setting.CA_CERT)),
        "a client of the server may never redirect it or change its credentials");
  }
}
