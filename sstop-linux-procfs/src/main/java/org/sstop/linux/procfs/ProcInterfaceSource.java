package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;

/**
 * Interface counters from {@code /proc/net/dev}, tagged loopback and up from
 * {@code /sys/class/net/<if>/{flags,type,operstate}}. The counters are those of the network
 * namespace of the given proc root ({@code /proc} is the reading thread's namespace; a
 * {@code /proc/<pid>} root reads that process's namespace).
 *
 * <p>With a {@link NetnsFinder}, the interfaces of every other namespace a process lives in are
 * listed too, read from {@code /proc/<pid>/net/dev} of one process in each and tagged with the
 * namespace. sysfs shows only the reading thread's namespace, so theirs are loopback by the name
 * {@code lo} and up as far as known. The namespaces are looked for at most every
 * {@link #NAMESPACE_SCAN_NANOS}, and at once when a namespace's process is gone. Owned and read by
 * one thread (the engine's sampler).
 */
final class ProcInterfaceSource implements InterfaceSource {

    /** How often the other namespaces are looked for: a new container's interfaces appear this late at most. */
    static final long NAMESPACE_SCAN_NANOS = 5_000_000_000L;

    /** IFF_UP in {@code flags}. */
    static final int IFF_UP = 0x1;
    /** IFF_LOOPBACK in {@code flags}. */
    static final int IFF_LOOPBACK = 0x8;
    /** ARPHRD_LOOPBACK in {@code type}. */
    static final int ARPHRD_LOOPBACK = 772;

    private static final int NET_DEV_MAX = 4 * 1024 * 1024;
    private static final int SYS_MAX = 64;

    private final Path procRoot;
    private final Path netDev;
    private final Path sysClassNet;
    private final NetnsFinder finder;
    private final LongSupplier nanoClock;
    private long lastScan;
    private boolean rescan = true;

    /**
     * Reads the real {@code /proc} and {@code /sys/class/net}.
     *
     * @param allNamespaces whether to list the interfaces of the other network namespaces too
     */
    ProcInterfaceSource(boolean allNamespaces) {
        this(Path.of("/proc"), Path.of("/sys/class/net"),
                allNamespaces ? new NetnsFinder(Path.of("/proc"), NetnsFinder.netnsOf(Path.of("/proc/thread-self/ns/net")))
                        : null,
                System::nanoTime);
    }

    /** Reads any tree shaped like /proc and /sys/class/net, the reading thread's namespace only. */
    ProcInterfaceSource(Path procRoot, Path sysClassNet) {
        this(procRoot, sysClassNet, null, System::nanoTime);
    }

    /**
     * Reads any tree shaped like /proc and /sys/class/net.
     *
     * @param procRoot where {@code net/dev} is found
     * @param sysClassNet where the per-interface {@code flags}, {@code type} and
     *     {@code operstate} files are found (missing files fall back: loopback by the name
     *     {@code lo}, up unknown and reported as up)
     * @param finder finds the other namespaces, or null to read only the reading thread's
     * @param nanoClock a monotonic clock, for the namespace scans
     */
    ProcInterfaceSource(Path procRoot, Path sysClassNet, NetnsFinder finder, LongSupplier nanoClock) {
        this.procRoot = procRoot;
        this.netDev = procRoot.resolve("net/dev");
        this.sysClassNet = sysClassNet;
        this.finder = finder;
        this.nanoClock = nanoClock;
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
        if (finder != null) {
            readOtherNamespaces(out);
        }
        return out;
    }

    /** Adds the interfaces of every other namespace; one that cannot be read is left out this time. */
    private void readOtherNamespaces(List<InterfaceCounters> out) {
        long now = nanoClock.getAsLong();
        if (rescan || now - lastScan >= NAMESPACE_SCAN_NANOS) {
            finder.scan(now);
            lastScan = now;
            rescan = false;
        }
        for (Map.Entry<Long, Integer> ns : finder.namespaces().entrySet()) {
            List<NetDev.Entry> entries;
            try {
                entries = NetDev.parse(ProcFiles.readWholeLines(procRoot.resolve(ns.getValue() + "/net/dev"), NET_DEV_MAX));
            } catch (IOException | RuntimeException e) {
                rescan = true; // its process is gone (or the namespace): look again next time
                continue;
            }
            for (NetDev.Entry e : entries) {
                out.add(new InterfaceCounters(e.name(), e.rxBytes(), e.txBytes(), e.rxPackets(), e.txPackets(),
                        e.name().equals("lo"), true, ns.getKey()));
            }
        }
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
