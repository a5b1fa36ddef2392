package org.defendersql.emulator.data;

import java.util.List;

/** A device group of the tenant ({@code rbacGroupId}/{@code rbacGroupName}); id 0 is "no group" (name null). */
record DeviceGroup(int id, String name) {
  static final DeviceGroup UNASSIGNED = new DeviceGroup(0, null);
  static final DeviceGroup WORKSTATIONS = new DeviceGroup(1, "Workstations");
  static final DeviceGroup FINANCE = new DeviceGroup(2, "Finance");
  static final DeviceGroup ENGINEERING = new DeviceGroup(3, "Engineering");
  static final DeviceGroup EXECUTIVES = new DeviceGroup(4, "Executives");
  static final DeviceGroup SERVERS_PROD = new DeviceGroup(5, "Servers - Production");
  static final DeviceGroup SERVERS_TEST = new DeviceGroup(6, "Servers - Test");
  static final DeviceGroup LINUX = new DeviceGroup(7, "Linux servers");
  static final DeviceGroup MAC = new DeviceGroup(8, "macOS devices");

  static final List<DeviceGroup> CLIENT_GROUPS = List.of(WORKSTATIONS, FINANCE, ENGINEERING, EXECUTIVES);
}
