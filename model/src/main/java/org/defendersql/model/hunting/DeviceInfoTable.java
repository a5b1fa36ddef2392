package org.defendersql.model.hunting;

import static org.defendersql.model.hunting.KqlType.BOOL;
import static org.defendersql.model.hunting.KqlType.DATETIME;
import static org.defendersql.model.hunting.KqlType.LONG;
import static org.defendersql.model.hunting.KqlType.STRING;

import java.util.List;

/** {@code DeviceInfo}: the periodic (about hourly) state reports of every device. */
final class DeviceInfoTable {
  private DeviceInfoTable() {
  }

  static final HuntingTable TABLE = new HuntingTable("DeviceInfo",
      "A device's state as reported about hourly and on every change (OS, sensor, users, group, exposure); the "
          + "latest state is the row with the greatest Timestamp per DeviceId",
      new Cols()
          .add("Timestamp", DATETIME, "Date and time when the report was recorded")
          .strings("DeviceId", "DeviceName")
          .add("ClientVersion", STRING, "Version of the endpoint agent or sensor running on the device")
          .add("PublicIP", STRING, "Public IP address the device used to reach the service (its own, a NAT or a "
              + "proxy)")
          .strings("OSArchitecture", "OSPlatform")
          .add("OSBuild", LONG, "Build of the operating system running on the device")
          .add("IsAzureADJoined", BOOL, "Whether the device is joined to Microsoft Entra ID")
          .add("JoinType", STRING, "The device's Microsoft Entra ID join type")
          .add("AadDeviceId", STRING, "Unique identifier of the device in Microsoft Entra ID")
          .add("LoggedOnUsers", STRING, "Users logged on to the device at the time of the report, as a JSON array "
              + "of UserName, DomainName and Sid")
          .add("RegistryDeviceTag", STRING, "Device tag added through the registry")
          .add("OSVersion", STRING)
          .add("MachineGroup", STRING, "Device group of the device, used by role-based access control")
          .add("ReportId", LONG)
          .add("OnboardingStatus", STRING, "Whether the device is onboarded to Defender for Endpoint, can be, or is "
              + "not supported")
          .add("AdditionalFields", STRING)
          .add("DeviceCategory", STRING, "Broad class of the device: Endpoint, Network device, IoT, Unknown")
          .add("DeviceType", STRING, "Type of device by purpose, such as Workstation, Server or Mobile")
          .add("DeviceSubtype", STRING, "Further kind of some device types, such as tablet or smartphone")
          .add("Model", STRING, "Model name or number of the product, when device discovery finds it")
          .add("Vendor", STRING, "Vendor or manufacturer of the product, when device discovery finds it")
          .add("OSDistribution", STRING, "Distribution of the OS platform, such as Ubuntu or RedHat for Linux")
          .add("OSVersionInfo", STRING, "More about the OS version, such as its popular or code name")
          .add("MergedDeviceIds", STRING, "Earlier device IDs assigned to the same device")
          .add("MergedToDeviceId", STRING, "The most recent device ID assigned to the device")
          .add("IsInternetFacing", BOOL, "Whether the device is internet-facing")
          .add("SensorHealthState", STRING, "Health of the device's EDR sensor, if onboarded")
          .add("IsExcluded", BOOL, "Whether the device is excluded from vulnerability management experiences")
          .add("ExclusionReason", STRING, "Why the device is excluded")
          .add("ExposureLevel", STRING, "The device's exposure to exploitation from its exposure score: Low, Medium, "
              + "High")
          .add("AssetValue", STRING, "Value of the device to the organization: Low, Normal, High")
          .add("DeviceManualTags", STRING, "Device tags set in the portal or through the API")
          .add("DeviceDynamicTags", STRING, "Device tags set by dynamic rules")
          .add("ConnectivityType", STRING, "Type of connectivity from the device to the cloud")
          .add("HostDeviceId", STRING, "Device ID of the device running Windows Subsystem for Linux")
          .build(),
      "Timestamp", List.of("DeviceName", "Timestamp", "ReportId"));
}
