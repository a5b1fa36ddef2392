package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.model.hunting.HuntingTable;

/**
 * A device event table: event {@code i} happens at a time that grows with {@code i} (see {@link TimedIndex}) on
 * one of the tenant's onboarded devices, and is regenerated from (seed, table, i) whenever it is read.
 */
abstract class EventRows implements HuntingRows {
  final TenantView view;
  final RowSlots slots;
  final Initiating initiating;
  private final TimedIndex index;
  private final int timestamp;
  private final int deviceId;
  private final int deviceName;
  private final int reportId;

  /** @param share this table's part of the tenant's device events */
  EventRows(TenantView view, HuntingTable table, long stream, HuntingConfig config, double share) {
    this.view = view;
    this.slots = new RowSlots(table);
    this.initiating = new Initiating(slots, view);
    final long count = Math.round(view.devices().size() * (view.span().toSeconds() / 86_400.0)
        * config.eventsPerMachinePerDay() * share);
    this.index = new TimedIndex(view.seed, stream, count, view.start, view.end);
    timestamp = slots.at("Timestamp");
    deviceId = slots.at("DeviceId");
    deviceName = slots.at("DeviceName");
    reportId = slots.at("ReportId");
  }

  @Override
  public HuntingTable table() {
    return slots.table();
  }

  @Override
  public long size() {
    return index.count();
  }

  @Override
  public Stream<Object[]> rows(Instant from, Instant to) {
    return LongStream.range(index.from(from), index.to(to)).mapToObj(this::row);
  }

  /** Event {@code i}. */
  Object[] row(long i) {
    final Rng r = index.rng(i);
    final Instant time = index.time(r, i);
    final List<HuntingFacts.Device> devices = view.devices();
    final HuntingFacts.Device device = devices.get(r.nextInt(devices.size()));
    final Object[] row = slots.newRow();
    row[timestamp] = time;
    row[deviceId] = device.id();
    row[deviceName] = view.deviceName(device, time);
    row[reportId] = (long) r.between(1_000, 999_999);
    fill(row, r, time, device);
    return row;
  }

  /** Sets the table's own columns of an event on a device at a time. */
  abstract void fill(Object[] row, Rng r, Instant time, HuntingFacts.Device device);

  /** An image of the device's platform. */
  HuntingFacts.Image image(Rng r, HuntingFacts.Device device) {
    return r.pick(device.windows() ? view.facts.windowsImages() : view.facts.unixImages());
  }

  /** An account that uses the device (the machine's own users; a service account on a server). */
  HuntingFacts.Account account(Rng r, HuntingFacts.Device device) {
    return device.users().isEmpty() ? r.pick(view.facts.users()) : r.pick(device.users());
  }
}
