package org.defendersql.emulator.http;

import java.util.ArrayList;
import java.util.List;
import org.defendersql.emulator.RecordedRequest;

/** Every request the emulator answered, in order of completion; safe for the server's threads. */
public final class RequestLog {
  private final List<RecordedRequest> entries = new ArrayList<>();

  public synchronized void add(RecordedRequest r) {
    entries.add(r);
  }

  public synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
