package org.defendersql.emulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hunting tables need of the tenant besides its public rows: its devices with the accounts that use them,
 * the directory accounts, the suspicious samples and process images evidence names, and the attacker and egress
 * addresses. Rebuilt from the same (seed, machine count, now) as {@link Tenant#generate}, whose generators are
 * deterministic, so hunting data names exactly the tenant's machines, users and files.
 */
public final class HuntingFacts {
  /** A directory account. */
  public record Account(String accountName, String domainName, String sid, String aadUserId, String upn) {
  }

  /**
   * An onboarded device of the tenant.
   *
   * @param index position of the machine in the machines list
   * @param users the accounts its alerts name as logged on
   */
  public record Device(int index, String id, String dnsName, String groupName, boolean windows, String ip,
      List<Account> users) {
  }

  /** A suspicious file of the pool; {@code folder} holds {@code {user}} for the account's profile name. */
  public record Sample(String fileName, String folder, String sha1, String sha256) {
  }

  /** A program that runs as a process, with typical command lines ({@code {file}}, {@code {domain}}, ...). */
  public record Image(String fileName, String folder, String sha1, String sha256, List<String> commandLines,
      boolean unix) {
  }

  private final List<Device> devices = new ArrayList<>();
  private final List<Account> users = new ArrayList<>();
  private final List<Account> serviceAccounts = new ArrayList<>();
  private final List<Sample> samples = new ArrayList<>();
  private final List<Image> windowsImages = new ArrayList<>();
  private final List<Image> unixImages = new ArrayList<>();
  private final List<String> attackerIps;
  private final List<String> attackerDomains;
  private final List<String> egressIps;

  /** The facts of a tenant from its pools and its onboarded devices, sharing their strings. */
  HuntingFacts(Pools pools, List<MachineFacts> machines) {
    pools.users.forEach(u -> users.add(account(u)));
    pools.serviceAccounts.forEach(u -> serviceAccounts.add(account(u)));
    pools.files.forEach(f -> samples.add(new Sample(f.fileName(), f.folder(), f.sha1(), f.sha256())));
    pools.windowsProcesses.forEach(p -> windowsImages.add(image(p)));
    pools.unixProcesses.forEach(p -> unixImages.add(image(p)));
    attackerIps = List.copyOf(pools.attackerIps);
    attackerDomains = List.copyOf(pools.attackerDomains);
    egressIps = List.copyOf(pools.egressIps);
    for (MachineFacts m : machines) {
      final List<Account> accounts = new ArrayList<>();
      for (int u : m.users()) {
        accounts.add(u < users.size() ? users.get(u) : serviceAccounts.get(u - users.size()));
      }
      devices.add(new Device(m.index(), m.id(), m.dnsName(), m.rbacGroupName(), m.windows(), m.ipAddress(),
          List.copyOf(accounts)));
    }
  }

  /**
   * The facts of the tenant {@code Tenant.generate(seed, machineCount, ..., now, ...)} builds, generated again;
   * {@link Tenant#huntingFacts()} gives a tenant's own without generating its machines a second time.
   */
  public static HuntingFacts of(long seed, int machineCount, Instant now) {
    final Pools pools = new Pools(seed, machineCount);
    // The same generator, in the same order, as Tenant.generate: machine names are unique across the sequence.
    final MachineGenerator generator = new MachineGenerator(seed, now, pools);
    final List<MachineFacts> machines = new ArrayList<>();
    for (int i = 0; i < machineCount; i++) {
      final MachineFacts m = generator.machine(i).facts();
      if (m != null) {
        machines.add(m);
      }
    }
    return new HuntingFacts(pools, machines);
  }

  private static Account account(UserAccount u) {
    return new Account(u.accountName(), u.domainName(), u.sid(), u.aadUserId(), u.upn());
  }

  private static Image image(ProcessImage p) {
    return new Image(p.fileName(), p.folder(), p.sha1(), p.sha256(), p.commandLines(), p.unix());
  }

  /** The onboarded devices, in machine order. */
  public List<Device> devices() {
    return devices;
  }

  public List<Account> users() {
    return users;
  }

  public List<Account> serviceAccounts() {
    return serviceAccounts;
  }

  public List<Sample> samples() {
    return samples;
  }

  public List<Image> windowsImages() {
    return windowsImages;
  }

  public List<Image> unixImages() {
    return unixImages;
  }

  public List<String> attackerIps() {
    return attackerIps;
  }

  public List<String> attackerDomains() {
    return attackerDomains;
  }

  public List<String> egressIps() {
    return egressIps;
  }
}
