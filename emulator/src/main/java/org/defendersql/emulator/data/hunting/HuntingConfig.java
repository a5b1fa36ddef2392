package org.defendersql.emulator.data.hunting;

import java.time.Duration;

/**
 * How much hunting data the tenant has.
 *
 * @param eventsPerMachinePerDay device events (process, network, file and logon together) per onboarded machine and
 *                               day, over the 30 days of hunting data
 * @param deviceInfoInterval     how often each onboarded machine reports a DeviceInfo row
 */
public record HuntingConfig(double eventsPerMachinePerDay, Duration deviceInfoInterval) {
  public HuntingConfig {
    if (eventsPerMachinePerDay < 0 || Double.isNaN(eventsPerMachinePerDay)) {
      throw new IllegalArgumentException("events per machine per day must not be negative");
    }
    if (deviceInfoInterval.isNegative() || deviceInfoInterval.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the DeviceInfo interval must be at least a minute");
    }
  }

  /** Ten events per machine a day, a DeviceInfo report an hour. */
  public static HuntingConfig defaults() {
    return new HuntingConfig(10, Duration.ofHours(1));
  }
}
