package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.defendersql.emulator.data.Tenant;
import org.defendersql.emulator.kql.KqlEngine;
import org.defendersql.model.hunting.HuntingModel;
import org.defendersql.model.hunting.HuntingTable;

/**
 * The tenant's advanced-hunting tables: what the hunting endpoints query and what tests compare answers with.
 * Rows hold values in the model's column order, typed by KQL type: string {@code String} (never null), long
 * {@code Long}, int {@code Integer}, bool {@code Boolean}, datetime {@code Instant} (100 ns ticks), dynamic its JSON
 * text. Data covers the 30 days before the tenant's "now".
 */
public final class HuntingData implements KqlEngine.Source {
  private final TenantView view;
  private final Map<String, HuntingRows> tables = new LinkedHashMap<>();

  public HuntingData(Tenant tenant, long seed, int machineCount, Instant now, HuntingConfig config) {
    this.view = new TenantView(tenant, tenant.huntingFacts(), seed, now);
    add(new DeviceInfoRows(view, config.deviceInfoInterval()));
    add(new ProcessEvents(view, config));
    add(new NetworkEvents(view, config));
    add(new FileEvents(view, config));
    add(new LogonEvents(view, config));
    final AlertRows alerts = new AlertRows(view);
    add(alerts.infoRows());
    add(alerts.evidenceRows());
    final TvmRows tvm = new TvmRows(view);
    add(tvm.vulnerabilityRows());
    add(tvm.inventoryRows());
    for (HuntingTable t : HuntingModel.tables()) {
      if (!tables.containsKey(t.name())) {
        throw new IllegalStateException("no hunting data for " + t.name());
      }
    }
  }

  private void add(HuntingRows rows) {
    tables.put(rows.table().name(), rows);
  }

  @Override
  public Stream<Object[]> rows(HuntingTable table, Instant from, Instant to) {
    final HuntingRows rows = tables.get(table.name());
    if (rows == null) {
      throw new IllegalArgumentException("no hunting table " + table.name());
    }
    return rows.rows(from, to);
  }

  /**
   * Every row of a table over the hunting data's 30 days, in the order a query without operators returns them:
   * what {@code T} answers with the default {@code Timespan}.
   */
  public Stream<Object[]> rows(HuntingTable table) {
    return rows(table, view.start, view.end).filter(r -> !table.hasTimeColumn()
        || inWindow((Instant) r[table.indexOf(table.timeColumn())]));
  }

  private boolean inWindow(Instant t) {
    return t != null && !t.isBefore(view.start) && t.isBefore(view.end);
  }

  /**
   * How many rows a table has over the 30 days, or for the few tables whose generator skips some (DeviceInfo
   * reports before a machine's first or after its last sighting), an upper bound.
   */
  public long size(HuntingTable table) {
    return tables.get(table.name()).size();
  }

  /** The first instant of hunting data (30 days before "now"). */
  public Instant start() {
    return view.start;
  }

  /** The tenant's "now": the end (exclusive) of hunting data. */
  public Instant end() {
    return view.end;
  }
}
