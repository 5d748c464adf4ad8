package org.sstop.app.diagnose;

import java.util.List;

/**
 * One thing {@code --diagnose} collects: a file the backends read, or a command they run.
 *
 * @param name the file name it is written under in the directory
 * @param path the file to copy, or null for a command
 * @param command the program and its arguments, or empty for a file
 * @param procNet whether it is a Linux {@code /proc/net} table (addresses in hex, see {@link AddressMasker#procNet})
 */
record Item(String name, String path, List<String> command, boolean procNet) {

    /** Copies the command. */
    Item {
        command = List.copyOf(command);
    }

    /** A file, written as {@code name}. */
    static Item file(String name, String path) {
        return new Item(name, path, List.of(), path.startsWith("/proc/net/"));
    }

    /** A command, written as {@code name}. */
    static Item command(String name, String... command) {
        return new Item(name, null, List.of(command), false);
    }

    /** What was read: the path, or the command with its arguments tab-separated (as in the manifest). */
    String source() {
        return path != null ? path : String.join("\t", command);
    }
}
