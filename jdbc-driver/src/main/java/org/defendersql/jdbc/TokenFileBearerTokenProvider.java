package org.defendersql.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.BearerTokenProvider;

/**
 * Reads the bearer token of a connection from Avatica's {@code token_file} property, for a server started with
 * {@code --auth entra}: {@code authentication=BEARER;token_file=/path/token.jwt;bearer_token_provider_class=}
 * this class. Avatica 1.28 declares {@code token_file} but its only provider reads {@code bearer_token}; this one
 * reads the file (its first line, trimmed) each time a connection is opened, so a token another process refreshes
 * into the file is picked up by the next connection. The token itself is never put in a message.
 */
public final class TokenFileBearerTokenProvider implements BearerTokenProvider {
  private Path file;

  @Override public void init(ConnectionConfig config) throws IOException {
    final String name = config.getTokenFile();
    if (name == null || name.isBlank()) {
      throw new IOException("bearer_token_provider_class " + getClass().getName() + " needs the connection"
          + " property token_file, the file holding the access token");
    }
    file = Path.of(name.trim());
    read();
  }

  @Override public String obtain(String username) {
    try {
      return read();
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private String read() throws IOException {
    final String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("Cannot read the token_file " + file + ": " + e, e);
    }
    final String token = text.strip().lines().findFirst().orElse("").strip();
    if (token.isEmpty()) {
      throw new IOException("The token_file " + file + " is empty; write the access token into it");
    }
    return token;
  }
}
