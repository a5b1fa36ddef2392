package org.defendersql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.remote.BearerTokenProviderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token file provider as Avatica's client instantiates it ({@code bearer_token_provider_class}): the file's
 * token, trimmed; a new token written to the file is read by the next connection; a missing property or file is
 * named, the token never. A connection through it is tested against a server in jdbc-server (EntraBearerTest).
 */
class TokenFileBearerTokenProviderTest {
  @TempDir Path dir;

  private static ConnectionConfigImpl config(Path file) {
    final Properties p = new Properties();
    p.setProperty("authentication", "BEARER");
    p.setProperty("bearer_token_provider_class", TokenFileBearerTokenProvider.class.getName());
    if (file != null) {
      p.setProperty("token_file", file.toString());
    }
    return new ConnectionConfigImpl(p);
  }

  @Test void readsTheFilesTokenAtEachConnection() throws IOException {
    final Path file = dir.resolve("token.jwt");
    Files.writeString(file, "  eyJ0eXAiOiJKV1QifQ.first.sig \n");
    final var provider = BearerTokenProviderFactory.getBearerTokenProvider(config(file));
    assertTrue(provider instanceof TokenFileBearerTokenProvider, provider.getClass().getName());
    assertEquals("eyJ0eXAiOiJKV1QifQ.first.sig", provider.obtain("analyst"));
    Files.writeString(file, "eyJ0eXAiOiJKV1QifQ.second.sig\n");
    assertEquals("eyJ0eXAiOiJKV1QifQ.second.sig", provider.obtain("analyst"));
  }

  @Test void aMissingPropertyOrFileIsNamedAndTheTokenNever() throws IOException {
    final IOException none = assertThrows(IOException.class,
        () -> new TokenFileBearerTokenProvider().init(config(null)));
    assertTrue(none.getMessage().contains("token_file"), none.getMessage());
    final IOException missing = assertThrows(IOException.class,
        () -> new TokenFileBearerTokenProvider().init(config(dir.resolve("absent.jwt"))));
    assertTrue(missing.getMessage().contains("absent.jwt"), missing.getMessage());
    final Path empty = Files.writeString(dir.resolve("empty.jwt"), "\n");
    final IOException blank = assertThrows(IOException.class,
        () -> new TokenFileBearerTokenProvider().init(config(empty)));
    assertTrue(blank.getMessage().contains("is empty"), blank.getMessage());
    final Path file = Files.writeString(dir.resolve("t.jwt"), "secret.token.value");
    final TokenFileBearerTokenProvider p = new TokenFileBearerTokenProvider();
    p.init(config(file));
    Files.delete(file);
    final IllegalStateException gone = assertThrows(IllegalStateException.class, () -> p.obtain("analyst"));
    assertFalse(gone.getMessage().contains("secret.token.value"), gone.getMessage());
  }
}
