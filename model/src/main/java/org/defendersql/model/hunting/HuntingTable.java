package org.defendersql.model.hunting;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An advanced-hunting table: Microsoft's name and column order, its time column and the columns that identify a
 * row.
 *
 * @param name        the table name as KQL spells it (case-sensitive there)
 * @param description what a row is, one sentence
 * @param columns     the columns in Microsoft's order
 * @param timeColumn  the column the API's time window ({@code Timespan}, 30 days) applies to, {@code Timestamp};
 *                    null for the TVM snapshot tables, which have no time column
 * @param identifying the columns that together identify a row (e.g. {@code DeviceName, Timestamp, ReportId}); empty
 *                    when nothing does (an alert's evidence items)
 */
public record HuntingTable(String name, String description, List<HuntingColumn> columns, String timeColumn,
    List<String> identifying) {

  public HuntingTable {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description.strip();
    columns = List.copyOf(columns);
    identifying = List.copyOf(identifying);
    final Set<String> seen = new HashSet<>();
    for (HuntingColumn c : columns) {
      // Unique ignoring case: SQL matches these names without regard to case.
      if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(name + ": duplicate column " + c.name());
      }
    }
    if (timeColumn != null && find(columns, timeColumn).map(HuntingColumn::type).orElse(null) != KqlType.DATETIME) {
      throw new IllegalArgumentException(name + ": time column " + timeColumn + " is missing or not a datetime");
    }
    for (String k : identifying) {
      if (find(columns, k).isEmpty()) {
        throw new IllegalArgumentException(name + ": identifying column " + k + " is missing");
      }
    }
  }

  /** The column of this exact (case-sensitive, as in KQL) name. */
  public Optional<HuntingColumn> column(String columnName) {
    return find(columns, columnName);
  }

  private static Optional<HuntingColumn> find(List<HuntingColumn> columns, String columnName) {
    for (HuntingColumn c : columns) {
      if (c.name().equals(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The column of this name ignoring case, as SQL identifiers match. */
  public Optional<HuntingColumn> columnIgnoreCase(String columnName) {
    for (HuntingColumn c : columns) {
      if (c.name().equalsIgnoreCase(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The position of the column of this exact name, or -1. */
  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the API's time window applies to this table (it has a time column). */
  public boolean hasTimeColumn() {
    return timeColumn != null;
  }

  /** The column names in order. */
  public List<String> columnNames() {
    return columns.stream().map(HuntingColumn::name).toList();
  }
}
