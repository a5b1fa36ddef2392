package org.defendersql.emulator.data;

import java.util.List;

/**
 * What an alert needs to know about the device it fires on, kept beside the machine's row so that alert
 * generation reads no row by column position.
 *
 * @param users indexes into the tenant's user pool of the accounts that log on to the device
 */
record MachineFacts(int index, String id, String dnsName, String rbacGroupName, boolean windows, String ipAddress,
    List<Integer> users) {
}
