package org.defendersql.emulator.http;

import java.time.Clock;
import org.defendersql.emulator.data.hunting.HuntingData;

/**
 * What the hunting endpoints serve: the tenant's hunting data, the limits they enforce, and the clock of
 * {@code now()}, {@code ago()} and the default {@code Timespan} (fixed when the tenant's "now" is).
 */
public record HuntingService(HuntingData data, HuntingLimits limits, Clock clock) {
}
