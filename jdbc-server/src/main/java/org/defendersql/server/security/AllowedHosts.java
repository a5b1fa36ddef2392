package org.defendersql.server.security;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names and addresses a request's {@code Host} header may name: the server's own. A web page that rebinds its
 * DNS name to this machine's address reaches the port, but its requests still carry its own name as {@code Host};
 * so only loopback names and addresses (when the server listens there), the address it listens on (every local
 * address when it listens on all), the machine's name, and the operator's {@code --public-host} names pass. The
 * port of the header does not matter (proxies and port forwarding change it).
 */
final class AllowedHosts {
  private final Set<String> names;
  private final Set<InetAddress> addresses;

  private AllowedHosts(Set<String> names, Set<InetAddress> addresses) {
    this.names = Set.copyOf(names);
    this.addresses = Set.copyOf(addresses);
  }

  /**
   * The hosts of a server.
   *
   * @param bindName    the host the server was told to listen on, as given ({@code localhost}, an address)
   * @param bind        that host's address
   * @param publicHosts the operator's extra names
   */
  static AllowedHosts of(String bindName, InetAddress bind, List<String> publicHosts) {
    final Set<String> names = new HashSet<>();
    final Set<InetAddress> addresses = new HashSet<>();
    for (String h : publicHosts) {
      addName(h, names, addresses);
    }
    addName(bindName, names, addresses);
    if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
      names.add("localhost");
      addresses.add(InetAddresses.forString("127.0.0.1"));
      addresses.add(InetAddresses.forString("::1"));
    }
    if (bind.isAnyLocalAddress()) {
      addresses.addAll(localAddresses());
      try {
        names.add(normalize(InetAddress.getLocalHost().getHostName()));
      } catch (UnknownHostException e) {
        // A machine without a resolvable name: clients use an address or --public-host.
      }
    } else {
      addresses.add(bind);
    }
    return new AllowedHosts(names, addresses);
  }

  /** Whether a request with this {@code Host} header (null when it had none) is for this server. */
  boolean allows(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    final String host = normalize(stripPort(hostHeader.trim()));
    if (host.isEmpty()) {
      return false;
    }
    if (InetAddresses.isInetAddress(host)) {
      return addresses.contains(InetAddresses.forString(host));
    }
    return names.contains(host);
  }

  @Override public String toString() {
    return "AllowedHosts" + names + addresses;
  }

  private static void addName(String host, Set<String> names, Set<InetAddress> addresses) {
    final String h = normalize(host.startsWith("[") ? stripPort(host) : host);
    if (InetAddresses.isInetAddress(h)) {
      final InetAddress a = InetAddresses.forString(h);
      if (!a.isAnyLocalAddress()) {
        addresses.add(a);
      }
    } else if (!h.isEmpty()) {
      names.add(h);
    }
  }

  /** The host of {@code host[:port]} or {@code [v6][:port]}. */
  private static String stripPort(String hostPort) {
    if (hostPort.startsWith("[")) {
      final int end = hostPort.indexOf(']');
      return end < 0 ? "" : hostPort.substring(1, end);
    }
    final int colon = hostPort.indexOf(':');
    if (colon >= 0 && hostPort.indexOf(':', colon + 1) < 0) {
      return hostPort.substring(0, colon);
    }
    return hostPort;
  }

  /** Lower case, without the trailing dot of a fully qualified name. */
  private static String normalize(String host) {
    final String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static Set<InetAddress> localAddresses() {
    final Set<InetAddress> all = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          // Without the scope (%eth0) of a link-local IPv6 address, as a Host header writes it.
          all.add(InetAddresses.forString(InetAddresses.toAddrString(a).replaceAll("%.*", "")));
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: loopback and the configured names still work.
    }
    return all;
  }
}
