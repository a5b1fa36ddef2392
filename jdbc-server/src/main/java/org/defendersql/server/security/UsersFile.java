package org.defendersql.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The users file of BASIC or DIGEST authentication, checked before the server starts: Jetty's realm file
 * ({@code user: credential[, role...]}, read as a Java properties file, as Jetty's {@code PropertyUserStore} reads
 * it), where every credential must be a hash the mode can check. Jetty itself would accept a plain-text password
 * (and {@code OBF:}, which anyone can undo) and a DIGEST server would silently never accept a {@code CRYPT:} user;
 * this refuses both at start-up, naming the user and the fix.
 *
 * @param path  the file
 * @param users the users and their credentials as written
 */
public record UsersFile(Path path, Map<String, String> users) {
  private static final Pattern MD5 = Pattern.compile("MD5:[0-9a-fA-F]{32}");
  private static final Pattern CRYPT = Pattern.compile("CRYPT:.{13}");

  /**
   * Reads and checks {@code path} for {@code mode}.
   *
   * @param warnings receives what works but should be changed (a file other accounts can read, a
   *                 {@code CRYPT:} hash, which only counts 8 characters)
   * @throws SecurityConfigException when the file cannot be read, names no user, or holds a credential the mode
   *                                 cannot check safely
   */
  public static UsersFile read(Path path, AuthMode mode, List<String> warnings) {
    if (mode == AuthMode.NONE) {
      throw new SecurityConfigException("--users needs --auth basic or --auth digest");
    }
    final Properties p = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new SecurityConfigException("Cannot read the users file " + path + ": " + e.getMessage(), e);
    }
    final Map<String, String> users = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      final String user = key.trim();
      if (user.isEmpty()) {
        continue;
      }
      String credential = p.getProperty(key).trim();
      final int comma = credential.indexOf(',');
      if (comma >= 0) {
        credential = credential.substring(0, comma).trim();
      }
      check(path, mode, user, credential, warnings);
      users.put(user, credential);
    }
    if (users.isEmpty()) {
      throw new SecurityConfigException("The users file " + path + " names no user; add lines made with "
          + hashCommand(mode, "USER"));
    }
    warnIfOthersCanRead(path, warnings);
    return new UsersFile(path, Map.copyOf(users));
  }

  private static void check(Path path, AuthMode mode, String user, String credential, List<String> warnings) {
    final String where = "The users file " + path + ", user '" + user + "': ";
    if (MD5.matcher(credential).matches()) {
      return;
    }
    if (credential.startsWith("CRYPT:") && CRYPT.matcher(credential).matches()) {
      if (mode == AuthMode.DIGEST) {
        throw new SecurityConfigException(where + "DIGEST authentication cannot check a CRYPT: hash; write the MD5:"
            + " hash of user:" + AuthMode.REALM + ":password instead (" + hashCommand(mode, user) + ")");
      }
      warnings.add(where + "a CRYPT: hash checks only the first 8 characters of the password; prefer "
          + hashCommand(mode, user));
      return;
    }
    if (credential.startsWith("MD5:") || credential.startsWith("CRYPT:")) {
      throw new SecurityConfigException(where + "the hash is malformed (MD5: takes 32 hexadecimal digits); make it"
          + " with " + hashCommand(mode, user));
    }
    if (credential.startsWith("OBF:")) {
      throw new SecurityConfigException(where + "OBF: is obfuscation anyone can undo, not a hash; write a hash made"
          + " with " + hashCommand(mode, user));
    }
    throw new SecurityConfigException(where + "the password is in plain text; write its hash instead, made with "
        + hashCommand(mode, user));
  }

  /** The command that prints a user's line for {@code mode}. */
  static String hashCommand(AuthMode mode, String user) {
    return "defender-sql-server hash-password --auth " + mode.optionName() + " " + user;
  }

  private static void warnIfOthersCanRead(Path path, List<String> warnings) {
    try {
      final Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        warnings.add("The users file " + path + " is readable by other accounts; its hashes are unsalted MD5, so"
            + " keep it to the server's account: chmod 600 " + path);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to say.
    }
  }
}
