package org.defendersql.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a standalone emulator until killed and prints the environment a client needs as {@code export} lines
 * (the secret included: it is this emulator's own, random per run unless fixed).
 */
public final class EmulatorMain {
  private EmulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    final DefenderEmulator.Builder b = DefenderEmulator.builder();
    for (int i = 0; i < args.length; i++) {
      final String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        System.out.println("usage: EmulatorMain [--port N] [--alerts N] [--machines N] [--seed N] "
            + "[--page-size N] [--cert-file PATH] [--real-quotas] [--real-graph-quotas] [--retire-mde-api]");
        return;
      }
      if (option.equals("--real-quotas")) {
        // 100 calls a minute and 1,500 an hour per app, answered with 429 and Retry-After beyond them
        b.realQuotas();
        continue;
      }
      if (option.equals("--real-graph-quotas")) {
        // Graph's /security budget: 150 calls a minute per app, 429 and Retry-After beyond it
        b.realGraphQuotas();
        continue;
      }
      if (option.equals("--retire-mde-api")) {
        // every /api/... route answers 410 Gone, as after 1 February 2027; Graph keeps answering
        b.retireMdeApi();
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + option);
      }
      final String value = args[++i];
      switch (option) {
        case "--port" -> b.port(Integer.parseInt(value));
        case "--alerts" -> b.alerts(Integer.parseInt(value));
        case "--machines" -> b.machines(Integer.parseInt(value));
        case "--seed" -> b.seed(Long.parseLong(value));
        case "--page-size" -> b.pageSize(Integer.parseInt(value));
        case "--cert-file" -> b.certificateFile(Path.of(value));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    final DefenderEmulator emulator = b.build().start();
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }));
    emulator.environment().forEach((name, value) -> System.out.println("export " + name + "=" + shellWord(value)));
    System.out.flush();
    stopped.await();
  }

  /** The value as one shell word: as is when that is safe, else single-quoted. */
  static String shellWord(String value) {
    return value.matches("[A-Za-z0-9_.-][A-Za-z0-9_.~-]*") ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
