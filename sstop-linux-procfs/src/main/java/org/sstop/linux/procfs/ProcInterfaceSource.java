package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;

/**
 * Interface counters from {@code /proc/net/dev}, tagged loopback and up from
 * {@code /sys/class/net/<if>/{flags,type,operstate}}. The counters are those of the network
 * namespace of the given proc root ({@code /proc} is the reading thread's namespace; a
 * {@code /proc/<pid>} root reads that process's namespace).
 */
final class ProcInterfaceSource implements InterfaceSource {

    /** IFF_UP in {@code flags}. */
    static final int IFF_UP = 0x1;
    /** IFF_LOOPBACK in {@code flags}. */
    static final int IFF_LOOPBACK = 0x8;
    /** ARPHRD_LOOPBACK in {@code type}. */
    static final int ARPHRD_LOOPBACK = 772;

    private static final int NET_DEV_MAX = 4 * 1024 * 1024;
    private static final int SYS_MAX = 64;

    private final Path netDev;
    private final Path sysClassNet;

    /** Reads the real {@code /proc/net/dev} and {@code /sys/class/net}. */
    ProcInterfaceSource() {
        this(Path.of("/proc"), Path.of("/sys/class/net"));
    }

    /**
     * Reads any tree shaped like /proc and /sys/class/net.
     *
     * @param procRoot where {@code net/dev} is found
     * @param sysClassNet where the per-interface {@code flags}, {@code type} and
     *     {@code operstate} files are found (missing files fall back: loopback by the name
     *     {@code lo}, up unknown and reported as up)
     */
    ProcInterfaceSource(Path procRoot, Path sysClassNet) {
        this.netDev = procRoot.resolve("net/dev");
        this.sysClassNet = sysClassNet;
    }

    @Override
    public List<InterfaceCounters> read() throws IOException {
        List<NetDev.Entry> entries = NetDev.parse(ProcFiles.readWholeLines(netDev, NET_DEV_MAX));
        List<InterfaceCounters> out = new ArrayList<>(entries.size());
        for (NetDev.Entry e : entries) {
            Path dir = sysClassNet.resolve(e.name());
            long flags = readNumber(dir.resolve("flags"));
            boolean loopback = flags >= 0 ? (flags & IFF_LOOPBACK) != 0 : isLoopbackType(dir, e.name());
            out.add(new InterfaceCounters(e.name(), e.rxBytes(), e.txBytes(), e.rxPackets(), e.txPackets(),
                    loopback, isUp(dir, flags)));
        }
        return out;
    }

    /** Without readable flags: the device type (read only then), else the name {@code lo}. */
    private static boolean isLoopbackType(Path dir, String name) {
        long type = readNumber(dir.resolve("type"));
        return type >= 0 ? type == ARPHRD_LOOPBACK : name.equals("lo");
    }

    /** operstate "down"/"lowerlayerdown"/"notpresent" means down; "unknown" (lo, tun) defers to IFF_UP. */
    private static boolean isUp(Path dir, long flags) {
        String state = readWord(dir.resolve("operstate"));
        if (state != null && (state.equals("down") || state.equals("lowerlayerdown")
                || state.equals("notpresent") || state.equals("dormant"))) {
            return false;
        }
        if (state != null && state.equals("up")) {
            return true;
        }
        return flags < 0 || (flags & IFF_UP) != 0;
    }

    /** A decimal or 0x-hexadecimal number from a sysfs file, or -1. */
    static long readNumber(Path file) {
        String word = readWord(file);
        if (word == null || word.isEmpty() || word.length() > 18) {
            return -1;
        }
        try {
            return word.startsWith("0x") ? Long.parseLong(word.substring(2), 16) : Long.parseLong(word);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readWord(Path file) {
        try {
            return ProcFiles.readText(file, SYS_MAX).strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public void close() {
        // holds nothing open between reads
    }
}
