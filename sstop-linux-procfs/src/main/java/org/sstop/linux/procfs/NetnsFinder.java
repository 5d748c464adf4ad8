package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the network namespaces that processes live in, other than the monitor's own, and one
 * process in each (through which a socket can be opened inside it). Incremental: each scan lists
 * {@code /proc} (names only) and reads {@code /proc/<pid>/ns/net} only for processes it has not
 * seen, again on their second scan (a process that enters a namespace right after it started,
 * as {@code ip netns exec} does, is caught), and for every process at most every
 * {@link #RECHECK_NANOS}. Owned and called by one thread (a backend's sampler). Public for
 * sstop's Linux backends (the netlink tier finds the namespaces to dump with it); not an API.
 */
public final class NetnsFinder {

    /** How often every known process's namespace is read again (a process that moved later). */
    static final long RECHECK_NANOS = 30_000_000_000L;
    /** Bounds: processes tracked (Linux's pid_max limit), namespaces reported. */
    static final int MAX_PROCESSES = 1 << 22;
    public static final int MAX_NAMESPACES = 1024;

    /** What the finder knows of one process. */
    private static final class Proc {
        long netns; // 0: unreadable (gone, or not permitted)
        int scans;
        long seenScan;
    }

    private final Path proc;
    private final long own;
    private final Map<Integer, Proc> processes = new HashMap<>();
    private Map<Long, Integer> namespaces = Map.of();
    private long scan;
    private long lastFullCheck;
    private boolean truncated;

    /**
     * A finder over a proc file system.
     *
     * @param proc the proc mount ({@code /proc}; tests pass a tree of their own)
     * @param ownNetns the monitor's own namespace (left out of what is found)
     */
    public NetnsFinder(Path proc, long ownNetns) {
        this.proc = proc;
        this.own = ownNetns;
    }

    /**
     * Scans the processes.
     *
     * @param nowNanos a monotonic clock, for the periodic full check
     */
    public void scan(long nowNanos) {
        scan++;
        boolean full = nowNanos - lastFullCheck >= RECHECK_NANOS;
        if (full) {
            lastFullCheck = nowNanos;
        }
        String[] names = proc.toFile().list();
        if (names == null) {
            return; // proc unreadable: keep what was known
        }
        for (int i = 0; i < names.length && processes.size() < MAX_PROCESSES; i++) {
            int pid = pid(names[i]);
            if (pid <= 0) {
                continue;
            }
            Proc p = processes.get(pid);
            if (p == null) {
                p = new Proc();
                processes.put(pid, p);
            }
            if (p.scans < 2 || full) {
                p.netns = netnsOf(proc.resolve(names[i]).resolve("ns/net"));
            }
            p.scans++;
            p.seenScan = scan;
        }
        Map<Long, Integer> found = new LinkedHashMap<>();
        truncated = false;
        for (Iterator<Map.Entry<Integer, Proc>> it = processes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Proc> e = it.next();
            Proc p = e.getValue();
            if (p.seenScan != scan) {
                it.remove(); // exited
            } else if (p.netns != 0 && p.netns != own && !found.containsKey(p.netns)) {
                if (found.size() < MAX_NAMESPACES) {
                    found.put(p.netns, e.getKey());
                } else {
                    truncated = true;
                }
            }
        }
        namespaces = found;
    }

    /** The other namespaces found by the last scan, each with one process in it (unmodifiable view). */
    public Map<Long, Integer> namespaces() {
        return namespaces;
    }

    /** Whether the last scan found more namespaces than {@link #MAX_NAMESPACES}. */
    public boolean truncated() {
        return truncated;
    }

    /** The decimal pid a {@code /proc} entry names, or 0 when it names none. */
    static int pid(String name) {
        int n = name.length();
        if (n == 0 || n > 9 || name.charAt(0) == '0') {
            return 0; // the kernel writes no leading zeros: such a name is not a process
        }
        int pid = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    /**
     * The namespace inode a {@code ns/net} link names ({@code net:[N]}).
     *
     * @param link a {@code /proc/<pid>/ns/net} or {@code /proc/thread-self/ns/net} link
     * @return the inode, or 0 when unreadable or malformed
     */
    public static long netnsOf(Path link) {
        try {
            return ProcText.netnsInode(Files.readSymbolicLink(link).toString());
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or not ours to read
        }
    }
}
