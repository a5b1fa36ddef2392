package org.defendersql.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Extracts a tar stream (ustar, with the PAX {@code path} records the assembly writes for long names) keeping each
 * file's permission bits, so that a test sees the archive as {@code tar -xzf} would leave it; no library, since
 * the test class path's commons-io does not match commons-compress.
 */
final class Tar {
  private static final int BLOCK = 512;
  private static final PosixFilePermission[] BITS = {PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  private Tar() {
  }

  static void extract(InputStream in, Path dir) throws IOException {
    String longName = null;
    while (true) {
      final byte[] header = in.readNBytes(BLOCK);
      if (header.length < BLOCK || header[0] == 0) {
        return;
      }
      final long size = octal(header, 124, 12);
      final char type = (char) header[156];
      final byte[] data = in.readNBytes((int) size);
      in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
      if (type == 'x') {
        longName = paxPath(new String(data, StandardCharsets.UTF_8));
        continue;
      }
      if (type == 'g') {
        continue;
      }
      String name = longName != null ? longName : text(header, 0, 100);
      longName = null;
      final String prefix = text(header, 345, 155);
      if (!prefix.isEmpty() && !name.startsWith(prefix)) {
        name = prefix + "/" + name;
      }
      final Path target = dir.resolve(name).normalize();
      if (!target.startsWith(dir)) {
        throw new IOException("an entry outside the archive's directory: " + name);
      }
      if (type == '5') {
        Files.createDirectories(target);
      } else if (type == '0' || type == 0) {
        Files.createDirectories(target.getParent());
        Files.write(target, data);
        Files.setPosixFilePermissions(target, permissions((int) octal(header, 100, 8)));
      }
    }
  }

  private static String paxPath(String records) {
    for (String record : records.split("\n")) {
      final int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 6);
      }
    }
    return null;
  }

  private static long octal(byte[] b, int from, int length) {
    final String t = text(b, from, length).trim();
    return t.isEmpty() ? 0 : Long.parseLong(t, 8);
  }

  private static String text(byte[] b, int from, int length) {
    int end = from;
    while (end < from + length && b[end] != 0) {
      end++;
    }
    return new String(b, from, end - from, StandardCharsets.UTF_8);
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    final Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return set;
  }
}
