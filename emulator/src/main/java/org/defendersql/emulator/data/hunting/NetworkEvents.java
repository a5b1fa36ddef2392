package org.defendersql.emulator.data.hunting;

import java.time.Instant;
import java.util.List;
import org.defendersql.emulator.data.HuntingFacts;
import org.defendersql.emulator.data.Rng;
import org.defendersql.model.hunting.HuntingModel;

/**
 * {@code DeviceNetworkEvents}: connections from the devices to cloud services, to each other and now and then to
 * the tenant's attacker infrastructure (the IPs and domains its alerts name), and inbound connections.
 */
final class NetworkEvents extends EventRows {
  private static final List<String> SERVICES = List.of("login.microsoftonline.com", "officecdn.microsoft.com",
      "www.bing.com", "settings-win.data.microsoft.com", "github.com", "update.googleapis.com",
      "outlook.office365.com", "teams.microsoft.com");
  private final int actionType = slots.at("ActionType");
  private final int remoteIp = slots.at("RemoteIP");
  private final int remotePort = slots.at("RemotePort");
  private final int remoteUrl = slots.at("RemoteUrl");
  private final int localIp = slots.at("LocalIP");
  private final int localPort = slots.at("LocalPort");
  private final int protocol = slots.at("Protocol");
  private final int localIpType = slots.at("LocalIPType");
  private final int remoteIpType = slots.at("RemoteIPType");

  NetworkEvents(TenantView view, HuntingConfig config) {
    super(view, HuntingModel.DEVICE_NETWORK_EVENTS, 103, config, 0.30);
  }

  @Override
  void fill(Object[] row, Rng r, Instant time, HuntingFacts.Device device) {
    final double kind = r.nextDouble();
    String url = "";
    String ip;
    int port;
    String remoteType = "Public";
    String action = r.weighted(List.of("ConnectionSuccess", "ConnectionFailed", "ConnectionRequest"),
        new double[] {80, 12, 8});
    if (kind < 0.08) {
      ip = r.pick(view.facts.attackerIps());
      url = r.chance(0.6) ? r.pick(view.facts.attackerDomains()) : "";
      port = r.pick(443, 80, 8080, 4444);
    } else if (kind < 0.25) {
      final HuntingFacts.Device other = r.pick(view.devices());
      ip = other.ip();
      remoteType = "Private";
      port = r.pick(445, 3389, 135, 5985);
      if (r.chance(0.4)) {
        action = "InboundConnectionAccepted";
      }
    } else {
      ip = r.pick("20", "40", "52", "13", "104") + "." + r.between(1, 254) + "." + r.between(0, 254) + "."
          + r.between(1, 254);
      url = r.pick(SERVICES);
      port = r.chance(0.9) ? 443 : 80;
    }
    final boolean dns = r.chance(0.05);
    row[actionType] = action;
    row[remoteIp] = ip;
    row[remotePort] = dns ? 53 : port;
    row[remoteUrl] = url;
    row[localIp] = device.ip();
    row[localPort] = action.equals("InboundConnectionAccepted") ? port : r.between(49_152, 65_535);
    row[protocol] = dns ? "Udp" : "Tcp";
    row[localIpType] = "Private";
    row[remoteIpType] = remoteType;
    final HuntingFacts.Account account = account(r, device);
    initiating.fill(row, r, time, device, image(r, device), account, url.isEmpty() ? "example.com" : url);
  }
}
