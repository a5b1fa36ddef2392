package org.defendersql.server.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code defender-sql-server hash-password [--auth basic|digest] USER}: prints the users-file line of a user, the
 * password read from the terminal without echo (or the first line of standard input, for scripts), so that no
 * password is written on a command line or in a file.
 */
public final class HashPasswordCommand {
  /** How to call it, for the server's usage text. */
  public static final String USAGE = String.join("\n",
      "usage: defender-sql-server hash-password [--auth basic|digest] USER",
      "  reads USER's password (from the terminal, or the first line of standard input) and prints the line to add",
      "  to the --users file; --auth must be the server's (default basic): DIGEST hashes user, realm and password");

  private HashPasswordCommand() {
  }

  /**
   * Runs the command.
   *
   * @return the exit status: 0 when the line was printed, 2 on a usage error
   */
  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    AuthMode mode = AuthMode.BASIC;
    String user = null;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--auth") && i + 1 < args.length) {
          mode = AuthMode.parse(args[++i]);
        } else if (user == null && !args[i].startsWith("-")) {
          user = args[i];
        } else {
          err.println(USAGE);
          return 2;
        }
      }
      if (user == null || mode == AuthMode.NONE) {
        err.println(USAGE);
        return 2;
      }
      final String password = readPassword(user, stdin);
      if (password == null || password.isEmpty()) {
        err.println("defender-sql-server: no password given");
        return 2;
      }
      out.println(PasswordHashes.line(mode, user, password));
      return 0;
    } catch (SecurityConfigException | IOException e) {
      err.println("defender-sql-server: " + e.getMessage());
      return 2;
    }
  }

  private static String readPassword(String user, InputStream stdin) throws IOException {
    final Console console = System.console();
    if (console != null && stdin == System.in) {
      final char[] typed = console.readPassword("Password of %s: ", user);
      return typed == null ? null : new String(typed);
    }
    return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
  }
}
