package org.defendersql.emulator.data;

/**
 * A file that appears in evidence; the pool is shared by all alerts so that the same hashes recur, as real
 * campaigns do.
 *
 * @param folder where it is found, with {@code {user}} for the account's profile name
 */
record FileSample(String fileName, String folder, String sha1, String sha256) {
}
