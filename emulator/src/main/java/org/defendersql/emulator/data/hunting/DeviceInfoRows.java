package org.defendersql.emulator.data.hunting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * {@code DeviceInfo}: every onboarded machine reports once per interval at its own offset within the interval,
 * while it was seen (between its first and last seen); the values are its Defender API machine's (id, DNS name,
 * platform, build, sensor version, group, health, exposure, tags) and its logged-on users; one device reports
 * another name before its rename halfway through the data (see {@link TenantView#deviceName}). Report {@code k} of the
 * machine with the {@code j}-th smallest offset is row {@code k * machines + j}, so rows come in time order.
 */
final class DeviceInfoRows implements HuntingRows {
  private final TenantView view;
  private final RowSlots slots = new RowSlots(HuntingModel.DEVICE_INFO);
  private final List<HuntingFacts.Device> order;
  private final long[] offsets;
  private final long intervalNanos;
  private final long blocks;
  /** Per machine (in report order), the columns every report of it repeats, made on first use. */
  private final Object[][] templates;
  private final Instant[] firstSeen;
  private final Instant[] lastSeen;
  private final int timestamp = slots.at("Timestamp");
  private final int reportId = slots.at("ReportId");
  private final int deviceName = slots.at("DeviceName");

  DeviceInfoRows(TenantView view, Duration interval) {
    this.view = view;
    this.intervalNanos = interval.toNanos();
    this.blocks = (view.span().toNanos() + intervalNanos - 1) / intervalNanos;
    final List<HuntingFacts.Device> devices = new ArrayList<>(view.devices());
    final long[] byIndex = new long[devices.isEmpty() ? 0 : devices.get(devices.size() - 1).index() + 1];
    for (HuntingFacts.Device d : devices) {
      // Whole 100 ns ticks within the interval.
      byIndex[d.index()] = Rng.of(view.seed, 101, d.index()).nextLong(intervalNanos / 100) * 100;
    }
    devices.sort(Comparator.comparingLong((HuntingFacts.Device d) -> byIndex[d.index()])
        .thenComparingInt(HuntingFacts.Device::index));
    this.order = List.copyOf(devices);
    this.offsets = order.stream().mapToLong(d -> byIndex[d.index()]).toArray();
    this.templates = new Object[order.size()][];
    this.firstSeen = new Instant[order.size()];
    this.lastSeen = new Instant[order.size()];
    for (int j = 0; j < order.size(); j++) {
      firstSeen[j] = (Instant) view.machine(order.get(j).index(), "firstSeen");
      lastSeen[j] = (Instant) view.machine(order.get(j).index(), "lastSeen");
    }
  }

  @Override
  public HuntingTable table() {
    return slots.table();
  }

  @Override
  public long size() {
    return blocks * order.size();
  }

  @Override
  public Stream<Object[]> rows(Instant from, Instant to) {
    if (order.isEmpty()) {
      return Stream.empty();
    }
    final long k0 = from == null ? 0 : Math.max(0, block(from));
    final long k1 = to == null ? blocks : Math.min(blocks, block(to) + 1);
    if (k1 <= k0) {
      return Stream.empty();
    }
    return LongStream.range(k0 * order.size(), k1 * order.size()).mapToObj(this::row).filter(Objects::nonNull);
  }

  private long block(Instant t) {
    return Math.floorDiv(Duration.between(view.start, t).toNanos(), intervalNanos);
  }

  /** Report {@code i}, or null when the machine was not seen at that time. */
  private Object[] row(long i) {
    final int j = (int) (i % order.size());
    final long k = i / order.size();
    final Instant time = view.start.plusNanos(k * intervalNanos + offsets[j]);
    if (!time.isBefore(view.end) || time.isBefore(firstSeen[j]) || (lastSeen[j] != null
        && time.isAfter(lastSeen[j]))) {
      return null;
    }
    Object[] template = templates[j];
    if (template == null) {
      template = template(order.get(j));
      templates[j] = template;
    }
    final Object[] row = template.clone();
    row[timestamp] = time;
    row[deviceName] = view.deviceName(order.get(j), time);
    row[reportId] = (long) Rng.of(view.seed, 107, i).between(1_000, 999_999);
    return row;
  }

  /** The columns of a machine's reports that do not change from one report to the next. */
  private Object[] template(HuntingFacts.Device d) {
    final Object[] row = slots.newRow();
    set(row, "DeviceId", d.id());
    set(row, "DeviceName", d.dnsName());
    set(row, "ClientVersion", text(view.machine(d.index(), "agentVersion")));
    set(row, "PublicIP", text(view.machine(d.index(), "lastExternalIpAddress")));
    set(row, "OSArchitecture", text(view.machine(d.index(), "osArchitecture")));
    final String platform = text(view.machine(d.index(), "osPlatform"));
    set(row, "OSPlatform", platform);
    set(row, "OSBuild", view.machine(d.index(), "osBuild"));
    final Boolean aad = (Boolean) view.machine(d.index(), "isAadJoined");
    set(row, "IsAzureADJoined", aad);
    set(row, "JoinType", Boolean.TRUE.equals(aad) ? "Azure AD joined" : d.windows() ? "Domain Joined" : "");
    set(row, "AadDeviceId", text(view.machine(d.index(), "aadDeviceId")));
    set(row, "LoggedOnUsers", loggedOn(d));
    set(row, "OSVersion", text(view.machine(d.index(), "version")));
    set(row, "MachineGroup", text(view.machine(d.index(), "rbacGroupName")));
    set(row, "OnboardingStatus", "Onboarded");
    set(row, "DeviceCategory", "Endpoint");
    set(row, "DeviceType", d.dnsName().startsWith("desktop-") || d.dnsName().startsWith("laptop-")
        || platform.equals("macOS") ? "Workstation" : "Server");
    set(row, "OSDistribution", platform.equals("Linux") ? "Ubuntu" : "");
    set(row, "IsInternetFacing", false);
    set(row, "SensorHealthState", text(view.machine(d.index(), "healthStatus")));
    set(row, "IsExcluded", view.machine(d.index(), "isExcluded"));
    set(row, "ExclusionReason", text(view.machine(d.index(), "exclusionReason")));
    set(row, "ExposureLevel", text(view.machine(d.index(), "exposureLevel")));
    set(row, "AssetValue", text(view.machine(d.index(), "deviceValue")));
    set(row, "DeviceManualTags", jsonStrings((List<?>) view.machine(d.index(), "machineTags")));
    set(row, "DeviceDynamicTags", "[]");
    set(row, "ConnectivityType", "Streamlined");
    return row;
  }

  private void set(Object[] row, String column, Object value) {
    row[slots.at(column)] = value;
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  /** The device's users as the service lists them: {@code [{"UserName":..,"DomainName":..,"Sid":..}]}. */
  private static String loggedOn(HuntingFacts.Device d) {
    final StringBuilder b = new StringBuilder("[");
    for (HuntingFacts.Account a : d.users()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append("{\"UserName\":\"").append(a.accountName()).append("\",\"DomainName\":\"").append(a.domainName())
          .append("\",\"Sid\":\"").append(a.sid()).append("\"}");
    }
    return b.append(']').toString();
  }

  private static String jsonStrings(List<?> values) {
    final StringBuilder b = new StringBuilder("[");
    for (Object v : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(v).append('"');
    }
    return b.append(']').toString();
  }
}
