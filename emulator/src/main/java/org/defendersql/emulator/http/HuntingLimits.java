package org.defendersql.emulator.http;

import java.time.Duration;
import java.util.List;
import org.defendersql.emulator.faults.Quota;
import org.defendersql.model.hunting.HuntingModel;

/**
 * The limits the hunting endpoints enforce, per tenant and shared by both endpoints: the most rows of an answer
 * (the rest is left out, as the service does), the most bytes (beyond it 400), the call quotas and the CPU quotas
 * (429 once a window's budget is spent). CPU is charged deterministically: {@code cpuPerRow} for each table row a
 * query reads, so tests reach a CPU quota without depending on the machine's speed.
 *
 * @param maxRows        the most rows of an answer
 * @param maxResultBytes the most bytes of an answer's JSON
 * @param callQuotas     at most {@code limit} calls in any {@code window}
 * @param cpuQuotas      at most {@code budget} of charged CPU in any {@code window}
 * @param cpuPerRow      the CPU charged per table row read
 */
public record HuntingLimits(int maxRows, long maxResultBytes, List<Quota> callQuotas, List<CpuQuota> cpuQuotas,
    Duration cpuPerRow) {

  /** A CPU budget per sliding window, as "10 minutes of running time every hour". */
  public record CpuQuota(Duration budget, Duration window) {
    public CpuQuota {
      if (budget.isNegative() || budget.isZero() || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a CPU quota needs a positive budget and window");
      }
    }
  }

  public HuntingLimits {
    if (maxRows < 1 || maxResultBytes < 1) {
      throw new IllegalArgumentException("the row and size limits must be positive");
    }
    callQuotas = List.copyOf(callQuotas);
    cpuQuotas = List.copyOf(cpuQuotas);
  }

  /** The documented row and size caps, no quotas (the emulator's default, like its API quotas). */
  public static HuntingLimits defaults() {
    return new HuntingLimits(HuntingModel.MAX_ROWS, HuntingModel.MAX_RESULT_BYTES, List.of(), List.of(),
        Duration.ofNanos(1_000));
  }

  /** The documented quotas: 45 calls a minute and 1,500 an hour; 10 minutes of CPU an hour and 3 hours a day. */
  public static List<Quota> realCallQuotas() {
    return List.of(new Quota(HuntingModel.CALLS_PER_MINUTE, Duration.ofMinutes(1)),
        new Quota(HuntingModel.CALLS_PER_HOUR, Duration.ofHours(1)));
  }

  public static List<CpuQuota> realCpuQuotas() {
    return List.of(new CpuQuota(Duration.ofMinutes(10), Duration.ofHours(1)),
        new CpuQuota(Duration.ofHours(3), Duration.ofDays(1)));
  }
}
