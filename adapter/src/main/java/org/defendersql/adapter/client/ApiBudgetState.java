package org.defendersql.adapter.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process's API call budgets kept in a file across restarts: the Defender APIs count an app's calls per
 * minute and per hour whatever process made them, so a server restarted after spending its hour's budget must not
 * start again with a full one, or the API throttles every user (HTTP 429) for the rest of the hour. The file holds
 * identities (authority host, tenant id, client id, API family) and the times of recent calls; no secret.
 */
public final class ApiBudgetState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiBudgetState() {
  }

  /**
   * Writes the budgets' recent calls to {@code file}, replacing it at once (a crash while writing leaves the
   * previous file), readable by its owner only where the file system allows.
   *
   * @return how many budgets were written
   */
  public static int save(Path file) throws IOException {
    final long now = System.currentTimeMillis();
    final Map<String, CallHistory> histories = RateLimiters.histories(now);
    final ObjectNode root = JSON.createObjectNode();
    root.put("savedAt", Instant.ofEpochMilli(now).toString());
    final ArrayNode budgets = root.putArray("budgets");
    histories.forEach((identity, h) -> {
      final ObjectNode b = budgets.addObject();
      b.put("identity", identity);
      final ArrayNode calls = b.putArray("calls");
      for (long t : h.calls()) {
        calls.add(Instant.ofEpochMilli(t).toString());
      }
      if (h.pausedUntil() > now) {
        b.put("pausedUntil", Instant.ofEpochMilli(h.pausedUntil()).toString());
      }
    });
    final Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    final Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    } catch (FileAlreadyExistsException e) {
      // Another writer raced this one; writing over its temporary file is as good.
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return histories.size();
  }

  /**
   * Counts the calls a file written by {@link #save} holds against this process's budgets; nothing when the file
   * does not exist (a first start).
   *
   * @return how many budgets it held
   * @throws IOException when the file cannot be read or is not such a file; the message names it and why
   */
  public static int restore(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    final Map<String, CallHistory> histories = read(file);
    RateLimiters.recall(histories, System.currentTimeMillis());
    return histories.size();
  }

  /**
   * How many budgets a file written by {@link #save} holds, without counting them against this process's.
   *
   * @throws IOException as {@link #restore}
   */
  public static int inspect(Path file) throws IOException {
    return read(file).size();
  }

  private static Map<String, CallHistory> read(Path file) throws IOException {
    final JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("Cannot read the API budget state " + file + ": " + e.getMessage(), e);
    }
    final Map<String, CallHistory> histories = new LinkedHashMap<>();
    try {
      final JsonNode budgets = root == null ? null : root.get("budgets");
      if (budgets == null || !budgets.isArray()) {
        throw new IllegalArgumentException("it has no \"budgets\" list");
      }
      for (JsonNode b : budgets) {
        final String identity = b.path("identity").asText("");
        final JsonNode calls = b.path("calls");
        if (identity.isEmpty() || !calls.isArray()) {
          throw new IllegalArgumentException("a budget without \"identity\" or \"calls\"");
        }
        final long[] times = new long[calls.size()];
        for (int i = 0; i < times.length; i++) {
          times[i] = Instant.parse(calls.get(i).asText()).toEpochMilli();
        }
        Arrays.sort(times);
        final JsonNode paused = b.get("pausedUntil");
        histories.put(identity, new CallHistory(times,
            paused == null || paused.isNull() ? 0 : Instant.parse(paused.asText()).toEpochMilli()));
      }
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IOException("The API budget state " + file + " is not one this server wrote (" + e.getMessage()
          + "); move it aside to start with a fresh budget", e);
    }
    return histories;
  }
}
