package org.defendersql.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches test reports (surefire's {@code *-output.txt} with everything tests and loggers printed, and the XML
 * reports with every failure message and stack trace) for secrets.
 */
final class SecretScanner {
  private final List<String> secrets;
  private int files;
  private long bytes;

  SecretScanner(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  /** A secret found: where, and a little context with the secret itself masked. */
  record Finding(Path file, String secret, String context) {
  }

  /** Scans every file under the directory (none if it does not exist). */
  List<Finding> scan(Path dir) {
    final List<Finding> findings = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return findings;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        // Byte-wise as Latin-1: every byte maps to a char, so no report can fail to decode and hide a secret.
        final String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        files++;
        bytes += text.length();
        for (String s : secrets) {
          for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
            final String around = text.substring(Math.max(0, i - 80), Math.min(text.length(), i + s.length() + 20));
            findings.add(new Finding(p, s.substring(0, 3) + "...",
                around.replaceAll(Pattern.quote(s) + "[A-Za-z0-9_.~-]*", "<SECRET>")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  int files() {
    return files;
  }

  long bytes() {
    return bytes;
  }
}
