package org.defendersql.emulator.data;

import java.util.List;

/** A program that shows up as a process in evidence, with command lines it is typically run with. */
record ProcessImage(String fileName, String folder, String sha1, String sha256, List<String> commandLines,
    boolean unix) {
}
