package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads socket inodes from {@code /proc/net/{tcp,tcp6,udp,udp6}}, independently of the mapper, so
 * tests can find the inode of a socket they opened.
 */
final class KernelSockets {

    private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6"};

    private KernelSockets() {
    }

    /** The inode of the TCP socket listening on {@code port}, or -1. */
    static long listeningInode(int port) throws IOException {
        for (String table : new String[] {"tcp", "tcp6"}) {
            for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || f[0].startsWith("sl")) {
                    continue;
                }
                int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                if (localPort == port && f[3].equals("0A")) {
                    return Long.parseLong(f[9]);
                }
            }
        }
        return -1;
    }

    /** Every non-zero socket inode of the current network namespace. */
    static List<Long> allInodes() throws IOException {
        List<Long> inodes = new ArrayList<>();
        for (String table : TABLES) {
            for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || f[0].startsWith("sl")) {
                    continue;
                }
                long inode = Long.parseLong(f[9]);
                if (inode != 0) {
                    inodes.add(inode);
                }
            }
        }
        return inodes;
    }
}
