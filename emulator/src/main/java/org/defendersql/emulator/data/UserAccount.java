package org.defendersql.emulator.data;

/** A directory account of the tenant, as alerts and evidence refer to it. */
record UserAccount(String accountName, String domainName, String sid, String aadUserId, String upn) {
}
