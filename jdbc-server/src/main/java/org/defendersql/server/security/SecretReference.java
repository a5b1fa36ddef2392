package org.defendersql.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A secret named by where it is kept rather than written out: {@code env:NAME} (an environment variable) or
 * {@code file:PATH} (the file's first line, e.g. a mounted container secret). Anything else is the secret itself,
 * accepted with a warning, since a command line is visible to every account on the machine ({@code ps}).
 */
public final class SecretReference {
  private SecretReference() {
  }

  /**
   * The secret {@code reference} names.
   *
   * @param what     how messages name the secret, e.g. "the key store password"
   * @param env      the environment
   * @param warnings receives the warning about a secret written out
   */
  public static String resolve(String reference, String what, UnaryOperator<String> env, List<String> warnings) {
    if (reference.startsWith("env:")) {
      final String name = reference.substring(4);
      final String value = env.apply(name);
      if (value == null || value.isEmpty()) {
        throw new SecurityConfigException(what + " is to come from the environment variable " + name
            + ", which is not set");
      }
      return value;
    }
    if (reference.startsWith("file:")) {
      final Path file = Path.of(reference.substring(5));
      try {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
          throw new SecurityConfigException(what + " is to come from the file " + file + ", which is empty");
        }
        return lines.get(0);
      } catch (IOException e) {
        throw new SecurityConfigException("Cannot read " + what + " from " + file + ": " + e.getMessage(), e);
      }
    }
    warnings.add(what + " was written on the command line, where other accounts can read it; give env:NAME or"
        + " file:PATH instead");
    return reference;
  }
}
