package org.sstop.linux.procfs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.sstop.api.SocketInfo;

/**
 * Which process owns each socket inode, and which fd directories to read to find out when.
 *
 * <p>Reading every fd link of every process costs tens of milliseconds, so this keeps an
 * inode-to-pid cache and reads fd directories only when asked about an inode it does not know:
 * first the directories of processes that appeared since the previous listing of /proc and of
 * processes already known to own sockets (a new socket nearly always belongs to one of these),
 * then, if inodes are still unknown and the last such rescan is at least the rescan interval old,
 * the other processes (those of the socket's user first), stopping as soon as everything is
 * found. Inodes a complete rescan did not find are remembered for a while (a negative cache), so
 * that a socket nobody can map (another user's, when not privileged) does not cost a rescan every
 * tick. A call that asks only about known inodes checks that each cached owner's /proc entry
 * still exists, reads the fd directory of an owner last read {@link #CHECK_NANOS} ago or more
 * (so that a socket its owner let go of, after handing it to a child, is found with the child),
 * and allocates little but its answer. Cached owners are dropped when they are asked about and
 * their process is gone (the socket outlived it: a child holds it), when a later listing of /proc
 * (made whenever an unknown inode is asked about) shows their process gone, and when a reading
 * of the owner's fd directory no longer finds the socket.
 *
 * <p>Only thread-group leaders are scanned (the pids /proc lists), never their tasks. Not
 * thread-safe: {@link ProcProcessMapper} calls it under its lock, and only it changes its state.
 */
final class SocketOwnerCache {

    private static final int[] NO_PIDS = new int[0];
    /** How long a cached owner is trusted before its fd directory is read again. */
    static final long CHECK_NANOS = 5_000_000_000L;

    private final Path procRoot;
    private final FdDirectoryReader fds;
    private final LongSupplier nanoClock;
    private final long rescanIntervalNanos;
    private final long notFoundTtlNanos;

    /** inode to the pid that owns it. */
    private final LongLongMap inodeOwner = new LongLongMap(1024);
    /** inode to the nanoClock time at which "not found" expires. */
    private final LongLongMap notFound = new LongLongMap(64);
    /** The socket inodes each scanned pid held when last scanned, sorted. */
    private final Map<Integer, long[]> pidInodes = new HashMap<>();
    /** When each scanned pid's fd directory was last read (nanoClock). */
    private final LongLongMap pidScanned = new LongLongMap(64);
    /** Nothing pending: what a check of a cached owner passes to {@link #scan}. */
    private final LongLongMap nonePending = new LongLongMap(1);
    /** Effective uid of pids, read on demand to order rescans. */
    private final Map<Integer, Integer> pidUids = new HashMap<>();
    /** Sorted pids of the previous listing of /proc, null before the first. */
    private int[] knownPids;
    private long lastRescanNanos;
    private boolean rescannedOnce;
    private long rescans;

    /**
     * @param procRoot the proc file system root
     * @param fds reads one process's socket inodes
     * @param nanoClock a monotonic clock in nanoseconds
     * @param rescanIntervalNanos least time between two rescans of processes that are not new
     * @param notFoundTtlNanos how long an inode a complete rescan did not find is not looked for again
     */
    SocketOwnerCache(Path procRoot, FdDirectoryReader fds, LongSupplier nanoClock, long rescanIntervalNanos,
            long notFoundTtlNanos) {
        this.procRoot = procRoot;
        this.fds = fds;
        this.nanoClock = nanoClock;
        this.rescanIntervalNanos = rescanIntervalNanos;
        this.notFoundTtlNanos = notFoundTtlNanos;
    }

    /**
     * The owning pid of each socket, by its inode (the Linux owner key).
     *
     * @return pids aligned with {@code sockets}, 0 where the owner is unknown
     * @throws IOException when /proc cannot be listed
     */
    int[] owners(List<SocketInfo> sockets) throws IOException {
        long now = nanoClock.getAsLong();
        int[] pids = new int[sockets.size()];
        LongLongMap pending = null; // inode to the socket's uid
        for (int i = 0; i < pids.length; i++) {
            SocketInfo socket = sockets.get(i);
            long inode = socket.ownerKey();
            if (inode <= 0) {
                continue;
            }
            long pid = inodeOwner.get(inode);
            if (pid != LongLongMap.MISSING && !Files.isDirectory(procRoot.resolve(Long.toString(pid)))) {
                inodeOwner.remove(inode); // its owner exited: the socket lives on, so a child holds it now
                pid = LongLongMap.MISSING;
            }
            if (pid != LongLongMap.MISSING && checkDue(pid, now)) {
                scan((int) pid, nonePending, nonePending); // still its holder? (it may have let go after a fork)
                pid = inodeOwner.get(inode);
            }
            if (pid != LongLongMap.MISSING) {
                pids[i] = (int) pid;
                continue;
            }
            long expiry = notFound.get(inode);
            if (expiry != LongLongMap.MISSING) {
                if (expiry - now > 0) {
                    continue;
                }
                notFound.remove(inode);
            }
            if (pending == null) {
                pending = new LongLongMap(16);
            }
            pending.put(inode, socket.uid());
        }
        if (pending != null) {
            LongLongMap found = new LongLongMap(pending.size());
            resolve(pending, now, found);
            for (int i = 0; i < pids.length && found.size() > 0; i++) {
                long inode = sockets.get(i).ownerKey();
                long pid = pids[i] == 0 && inode > 0 ? found.get(inode) : LongLongMap.MISSING;
                if (pid != LongLongMap.MISSING) {
                    pids[i] = (int) pid;
                }
            }
        }
        return pids;
    }

    /** Whether a cached owner's fd directory was last read {@link #CHECK_NANOS} ago or more (or never). */
    private boolean checkDue(long pid, long now) {
        long scanned = pidScanned.get(pid);
        return scanned == LongLongMap.MISSING || now - scanned >= CHECK_NANOS;
    }

    /** How many rescans of processes that were not new have been made. */
    long rescans() {
        return rescans;
    }

    /** How many socket inodes are cached with their owner. */
    int cachedInodes() {
        return inodeOwner.size();
    }

    /** Forgets everything. */
    void clear() {
        inodeOwner.clear();
        notFound.clear();
        pidInodes.clear();
        pidScanned.clear();
        pidUids.clear();
        knownPids = null;
    }

    /** Scans new pids and socket owners, then (rate-limited) the others, until every pending inode is found. */
    private void resolve(LongLongMap pending, long now, LongLongMap found) throws IOException {
        int[] pids = listPids();
        forgetExited(pids);
        notFound.removeIfValue(expiry -> expiry - now <= 0);
        boolean first = knownPids == null;
        int[] fresh = first ? pids : difference(pids, knownPids);
        int[] old = first ? NO_PIDS : difference(pids, fresh);
        knownPids = pids;
        if (first) {
            // The first call reads every process: that is a full rescan.
            rescannedOnce = true;
            lastRescanNanos = now;
            rescans++;
        }
        // New processes are scanned whole: their inodes are cached for later calls.
        for (int pid : fresh) {
            scan(pid, pending, found);
        }
        // A new socket of an old process nearly always belongs to one that already owns sockets (a
        // server accepting, a client reconnecting): those few are read at every call, so such
        // owners are found at once; only the others wait for the rate-limited rescan below.
        int[] others = new int[old.length];
        int otherCount = 0;
        for (int pid : old) {
            long[] inodes = pidInodes.get(pid);
            if (inodes == null || inodes.length == 0) {
                others[otherCount++] = pid;
            } else if (pending.size() > 0) {
                scan(pid, pending, found);
            }
        }
        boolean complete = otherCount == 0;
        if (pending.size() > 0 && !complete && (!rescannedOnce || now - lastRescanNanos >= rescanIntervalNanos)) {
            rescannedOnce = true;
            lastRescanNanos = now;
            rescans++;
            complete = true;
            for (int pid : sameUserFirst(others, otherCount, pending)) {
                if (pending.size() == 0) {
                    complete = false;
                    break;
                }
                scan(pid, pending, found);
            }
        }
        if (complete && pending.size() > 0) {
            long expiry = now + notFoundTtlNanos;
            pending.forEach((inode, uid) -> notFound.put(inode, expiry));
        }
    }

    /** Reads one fd directory, records its socket inodes, and moves the pending inodes it holds to {@code found}. */
    private void scan(int pid, LongLongMap pending, LongLongMap found) {
        long[] inodes = fds.socketInodes(pid);
        if (inodes == null) {
            return;
        }
        pidScanned.put(pid, nanoClock.getAsLong());
        long[] before = pidInodes.put(pid, inodes);
        if (before != null) {
            for (long inode : before) {
                if (Arrays.binarySearch(inodes, inode) < 0 && inodeOwner.get(inode) == pid) {
                    inodeOwner.remove(inode);
                }
            }
        }
        for (long inode : inodes) {
            long owner = inodeOwner.get(inode);
            if (owner == LongLongMap.MISSING) {
                // A socket shared after fork stays with the first pid seen holding it.
                inodeOwner.put(inode, pid);
                owner = pid;
            }
            if (pending.remove(inode) != LongLongMap.MISSING) {
                found.put(inode, owner);
            }
        }
    }

    /** The first {@code count} pids, those running as a pending socket's user first. */
    private int[] sameUserFirst(int[] pids, int count, LongLongMap pending) {
        Set<Integer> uids = new HashSet<>();
        pending.forEach((inode, uid) -> {
            if (uid >= 0) {
                uids.add((int) uid);
            }
        });
        int[] order = new int[count];
        int front = 0;
        int back = count;
        for (int i = 0; i < count; i++) {
            if (!uids.isEmpty() && uids.contains(pidUid(pids[i]))) {
                order[front++] = pids[i];
            } else {
                order[--back] = pids[i];
            }
        }
        return order;
    }

    private int pidUid(int pid) {
        return pidUids.computeIfAbsent(pid, p -> {
            try {
                return (Integer) Files.getAttribute(procRoot.resolve(Integer.toString(p)), "unix:uid");
            } catch (IOException | RuntimeException e) {
                return SocketInfo.UNKNOWN;
            }
        });
    }

    /** Drops the cached inodes of pids no longer listed. */
    private void forgetExited(int[] pids) {
        pidUids.keySet().removeIf(pid -> Arrays.binarySearch(pids, pid) < 0);
        pidInodes.entrySet().removeIf(e -> {
            if (Arrays.binarySearch(pids, e.getKey()) >= 0) {
                return false;
            }
            pidScanned.remove(e.getKey());
            for (long inode : e.getValue()) {
                if (inodeOwner.get(inode) == e.getKey()) {
                    inodeOwner.remove(inode);
                }
            }
            return true;
        });
    }

    /** The pids /proc lists (thread-group leaders only), sorted. */
    private int[] listPids() throws IOException {
        String[] names = new File(procRoot.toString()).list();
        if (names == null) {
            throw new IOException("cannot list " + procRoot);
        }
        int[] pids = new int[names.length];
        int n = 0;
        for (String name : names) {
            int pid = parsePid(name);
            if (pid > 0) {
                pids[n++] = pid;
            }
        }
        pids = Arrays.copyOf(pids, n);
        Arrays.sort(pids);
        return pids;
    }

    private static int parsePid(String name) {
        long value = name.length() > 10 ? -1 : Decimal.parse(name, 0, name.length());
        return value <= Integer.MAX_VALUE ? (int) value : -1;
    }

    /** Elements of sorted {@code a} not in sorted {@code b}. */
    private static int[] difference(int[] a, int[] b) {
        int[] out = new int[a.length];
        int n = 0;
        for (int x : a) {
            if (Arrays.binarySearch(b, x) < 0) {
                out[n++] = x;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
