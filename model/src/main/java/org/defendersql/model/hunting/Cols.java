package org.defendersql.model.hunting;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a table's column list, taking each column's description from {@link Descriptions} unless the table gives
 * its own, so that the columns several tables share are described once.
 */
final class Cols {
  private final List<HuntingColumn> columns = new ArrayList<>();

  /** A column described by the shared description of its name. */
  Cols add(String name, KqlType type) {
    columns.add(new HuntingColumn(name, type, Descriptions.of(name)));
    return this;
  }

  /** A column with a description of its own in this table. */
  Cols add(String name, KqlType type, String description) {
    columns.add(new HuntingColumn(name, type, description));
    return this;
  }

  /** Several string columns described by their shared descriptions. */
  Cols strings(String... names) {
    for (String n : names) {
      add(n, KqlType.STRING);
    }
    return this;
  }

  /** The six {@code InitiatingProcessVersionInfo*} string columns, in Microsoft's order. */
  Cols initiatingVersionInfo() {
    return strings("InitiatingProcessVersionInfoCompanyName", "InitiatingProcessVersionInfoProductName",
        "InitiatingProcessVersionInfoProductVersion", "InitiatingProcessVersionInfoInternalFileName",
        "InitiatingProcessVersionInfoOriginalFileName", "InitiatingProcessVersionInfoFileDescription");
  }

  /** The five {@code InitiatingProcessAccount*} string columns, in Microsoft's order. */
  Cols initiatingAccount() {
    return strings("InitiatingProcessAccountDomain", "InitiatingProcessAccountName", "InitiatingProcessAccountSid",
        "InitiatingProcessAccountUpn", "InitiatingProcessAccountObjectId");
  }

  /** The remote-session columns that end the network, file and logon event tables. */
  Cols initiatingRemoteSession() {
    return add("InitiatingProcessSessionId", KqlType.LONG).add("IsInitiatingProcessRemoteSession", KqlType.BOOL)
        .strings("InitiatingProcessRemoteSessionDeviceName", "InitiatingProcessRemoteSessionIP");
  }

  /** {@code ReportId, AppGuardContainerId, AdditionalFields}, which every device event table has. */
  Cols reportColumns() {
    return add("ReportId", KqlType.LONG).strings("AppGuardContainerId", "AdditionalFields");
  }

  List<HuntingColumn> build() {
    return List.copyOf(columns);
  }
}
