package org.defendersql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.BearerTokenProvider;

/**
 * A client's token provider reading Avatica's {@code token_file} property: Avatica 1.28 declares the property but
 * its only provider ({@code ConstantBearerTokenProvider}) reads {@code bearer_token}, so a file takes a provider
 * class ({@code bearer_token_provider_class}). The driver jar has one ({@code TokenFileBearerTokenProvider} of
 * {@code org.defendersql.jdbc}), which this module cannot load (the driver is built apart); this one does the same
 * for the tests here.
 */
public final class TokenFileProvider implements BearerTokenProvider {
  private Path file;

  @Override public void init(ConnectionConfig config) throws IOException {
    if (config.getTokenFile() == null) {
      throw new IOException("token_file is not set");
    }
    file = Path.of(config.getTokenFile());
  }

  @Override public String obtain(String username) {
    try {
      // Read at each connection: a token refreshed into the file by another process is picked up.
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the token file " + file + ": " + e.getMessage(), e);
    }
  }
}
