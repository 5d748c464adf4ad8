package org.sstop.linux.procfs;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.SocketInfo;

/**
 * Maps socket inodes to processes through the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd}, and describes processes from {@code /proc/<pid>}.
 *
 * <p>Reading every fd link of every process costs tens of milliseconds, so the mapper keeps an
 * inode-to-pid cache and reads fd directories only when asked about an inode it does not know:
 * first the directories of processes that appeared since the previous listing of /proc and of
 * processes already known to own sockets (a new socket nearly always belongs to one of these), then,
 * if inodes are still unknown and the last such rescan is at least the rescan interval old, the
 * other processes (those of the socket's user first), stopping as soon as everything is found. Inodes a complete rescan did not find are remembered
 * for a while (a negative cache), so that a socket nobody can map (another user's, when not
 * privileged) does not cost a rescan every tick. A call that asks only about known inodes reads
 * no fd directory at all ({@link #fdDirsRead()} stays put). Cached owners are dropped when a
 * later listing of /proc (made whenever an unknown inode is asked about) shows their process gone,
 * and when a rescan of the owner no longer finds the socket.
 *
 * <p>Only thread-group leaders are scanned (the pids /proc lists), never their tasks. Processes
 * that vanish mid-scan and fd directories that cannot be read (other users' processes, when not
 * privileged) are skipped. Methods are synchronized: one mapper may be shared by threads, but
 * calls do not run concurrently.
 */
public final class ProcProcessMapper implements ProcessMapper {

    private static final Logger LOG = System.getLogger(ProcProcessMapper.class.getName());

    /** Linux's clock tick when sysconf cannot be asked. */
    private static final long DEFAULT_CLK_TCK = 100;

    private static final int STAT_MAX = 4096;
    private static final int STATUS_MAX = 16 * 1024;
    private static final int CGROUP_MAX = 16 * 1024;
    private static final int PASSWD_MAX = 8 * 1024 * 1024;
    private static final int LINK_MAX = 64;

    private final Path procRoot;
    private final byte[] procRootBytes;
    private final Path passwdFile;
    private final LongSupplier nanoClock;
    private final long rescanIntervalNanos;
    private final long negativeTtlNanos;
    private final long clockTicks;
    private final List<String> limitations;

    /** inode to the pid that owns it. */
    private final LongLongMap inodeOwner = new LongLongMap(1024);
    /** inode to the nanoClock time at which "not found" expires. */
    private final LongLongMap notFound = new LongLongMap(64);
    /** The socket inodes each scanned pid held when last scanned. */
    private final Map<Integer, long[]> pidInodes = new HashMap<>();
    /** Effective uid of pids, read on demand to order rescans. */
    private final Map<Integer, Integer> pidUids = new HashMap<>();
    /** Sorted pids of the previous listing of /proc, null before the first. */
    private int[] knownPids;
    private long lastRescanNanos;
    private boolean rescannedOnce;

    private final byte[] pathBuf = new byte[512];
    private final byte[] linkBuf = new byte[LINK_MAX];
    private final byte[] statBuf = new byte[STAT_MAX];

    private Map<Integer, String> userNames = Map.of();
    private FileTime passwdTime;
    private long bootTime = -1;

    private long fdDirsRead;
    private long rescans;
    private boolean closed;

    /** A mapper over the real {@code /proc} and {@code /etc/passwd}. */
    public ProcProcessMapper() {
        // Full rescans at most every 500 ms: with samples ~1 s apart (999 ms measured), a 1 s limit
        // would skip every other sample.
        this(Path.of("/proc"), Path.of("/etc/passwd"), System::nanoTime, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /**
     * A mapper over any tree shaped like /proc (tests use fixture trees).
     *
     * @param procRoot the proc file system root
     * @param passwdFile the passwd file naming users
     * @param nanoClock a monotonic clock in nanoseconds
     * @param rescanInterval least time between two rescans of processes that are not new
     * @param notFoundTtl how long an inode a complete rescan did not find is not looked for again
     */
    public ProcProcessMapper(Path procRoot, Path passwdFile, LongSupplier nanoClock,
                             Duration rescanInterval, Duration notFoundTtl) {
        this.procRoot = procRoot;
        this.procRootBytes = procRoot.toString().getBytes(StandardCharsets.UTF_8);
        this.passwdFile = passwdFile;
        this.nanoClock = nanoClock;
        this.rescanIntervalNanos = rescanInterval.toNanos();
        this.negativeTtlNanos = notFoundTtl.toNanos();
        this.clockTicks = clockTicks();
        this.limitations = readLimitations(procRoot);
    }

    @Override
    public synchronized int[] owners(List<SocketInfo> unmapped) throws IOException {
        Map<Long, Integer> byInode = ownersByInode(unmapped);
        int[] pids = new int[unmapped.size()];
        for (int i = 0; i < pids.length; i++) {
            pids[i] = byInode.getOrDefault(unmapped.get(i).ownerKey(), 0);
        }
        return pids;
    }

    /** The owner key of a Linux socket is its inode. */
    private Map<Long, Integer> ownersByInode(List<SocketInfo> unmapped) throws IOException {
        ensureOpen();
        long now = nanoClock.getAsLong();
        Map<Long, Integer> result = new HashMap<>();
        LongLongMap pending = null; // inode to the socket's uid
        for (SocketInfo socket : unmapped) {
            long inode = socket.ownerKey();
            if (inode <= 0) {
                continue;
            }
            long pid = inodeOwner.get(inode);
            if (pid != LongLongMap.MISSING) {
                result.put(inode, (int) pid);
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
            resolve(pending, now, result);
        }
        return result;
    }

    /** Scans new pids and socket owners, then (rate-limited) the others, until every pending inode is found. */
    private void resolve(LongLongMap pending, long now, Map<Long, Integer> result) throws IOException {
        int[] pids = listPids();
        forgetExited(pids);
        notFound.removeIfValue(expiry -> expiry - now <= 0);
        boolean first = knownPids == null;
        int[] fresh = first ? pids : difference(pids, knownPids);
        int[] old = first ? new int[0] : difference(pids, fresh);
        knownPids = pids;
        if (first) {
            // The first call reads every process: that is a full rescan.
            rescannedOnce = true;
            lastRescanNanos = now;
            rescans++;
        }
        // New processes are scanned whole: their inodes are cached for later calls.
        for (int pid : fresh) {
            scanPid(pid, pending, result);
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
                scanPid(pid, pending, result);
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
                scanPid(pid, pending, result);
            }
        }
        if (complete && pending.size() > 0) {
            long expiry = now + negativeTtlNanos;
            pending.forEach((inode, uid) -> notFound.put(inode, expiry));
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

    /** Reads one fd directory, records its socket inodes, and settles pending inodes it holds. */
    private void scanPid(int pid, LongLongMap pending, Map<Long, Integer> result) {
        fdDirsRead++;
        Path fdDir = procRoot.resolve(Integer.toString(pid)).resolve("fd");
        long[] found = new long[16];
        int count = 0;
        int prefix = pidFdPrefix(pid);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
            for (Path entry : entries) {
                long inode = socketInode(entry, prefix);
                if (inode > 0) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = inode;
                }
            }
        } catch (AccessDeniedException e) {
            return; // another user's process, without privileges: limitations() says so
        } catch (NoSuchFileException e) {
            return; // exited meanwhile
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            LOG.log(Level.DEBUG, "cannot read {0}: {1}", fdDir, e.toString());
            return;
        }
        found = Arrays.copyOf(found, count);
        Arrays.sort(found);
        long[] before = pidInodes.put(pid, found);
        if (before != null) {
            for (long inode : before) {
                if (Arrays.binarySearch(found, inode) < 0 && inodeOwner.get(inode) == pid) {
                    inodeOwner.remove(inode);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            long inode = found[i];
            long owner = inodeOwner.get(inode);
            if (owner == LongLongMap.MISSING) {
                // A socket shared after fork stays with the first pid seen holding it.
                inodeOwner.put(inode, pid);
                owner = pid;
            }
            if (pending.remove(inode) != LongLongMap.MISSING) {
                result.put(inode, (int) owner);
            }
        }
    }

    /** Reads the link {@code entry} and returns its socket inode, or -1. */
    private long socketInode(Path entry, int prefix) {
        if (prefix > 0) {
            String name = entry.getFileName().toString();
            int len = prefix + name.length();
            if (len + 1 <= pathBuf.length) {
                for (int i = 0; i < name.length(); i++) {
                    pathBuf[prefix + i] = (byte) name.charAt(i);
                }
                pathBuf[len] = 0;
                long n = Libc.readlink(pathBuf, linkBuf, linkBuf.length);
                // A target that fills the buffer was cut: not a socket link, whose target is short.
                return n > 0 && n < linkBuf.length ? SocketLink.inode(linkBuf, (int) n) : -1;
            }
        }
        try {
            return SocketLink.inode(Files.readSymbolicLink(entry).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -1; // closed meanwhile, or not a link
        }
    }

    /** Writes {@code <procRoot>/<pid>/fd/} into pathBuf; returns its length, or 0 to use Java. */
    private int pidFdPrefix(int pid) {
        if (Libc.loadError() != null || procRootBytes.length + 32 > pathBuf.length) {
            return 0;
        }
        int n = procRootBytes.length;
        System.arraycopy(procRootBytes, 0, pathBuf, 0, n);
        pathBuf[n++] = '/';
        String digits = Integer.toString(pid);
        for (int i = 0; i < digits.length(); i++) {
            pathBuf[n++] = (byte) digits.charAt(i);
        }
        pathBuf[n++] = '/';
        pathBuf[n++] = 'f';
        pathBuf[n++] = 'd';
        pathBuf[n++] = '/';
        return n;
    }

    /** Drops the cached inodes of pids no longer listed. */
    private void forgetExited(int[] pids) {
        pidUids.keySet().removeIf(pid -> Arrays.binarySearch(pids, pid) < 0);
        pidInodes.entrySet().removeIf(e -> {
            if (Arrays.binarySearch(pids, e.getKey()) >= 0) {
                return false;
            }
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
        if (name.isEmpty() || name.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
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

    @Override
    public synchronized Optional<ProcessInfo> describe(int pid) {
        ensureOpen();
        if (pid <= 0) {
            return Optional.empty();
        }
        Path dir = procRoot.resolve(Integer.toString(pid));
        Optional<ProcStat> stat;
        try {
            byte[] bytes = ProcFiles.readBytes(dir.resolve("stat"), STAT_MAX);
            stat = ProcStat.parse(bytes, bytes.length);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        if (stat.isEmpty() || stat.get().pid() != pid) {
            return Optional.empty();
        }
        ProcStat st = stat.get();
        int uid = ProcStatus.UNKNOWN;
        try {
            uid = ProcStatus.realUid(ProcFiles.readText(dir.resolve("status"), STATUS_MAX));
        } catch (IOException | SecurityException e) {
            // keep unknown
        }
        String cmdline = "";
        try {
            byte[] bytes = ProcFiles.readBytes(dir.resolve("cmdline"), ProcText.MAX_CMDLINE_BYTES);
            cmdline = ProcText.cmdline(bytes, bytes.length);
        } catch (IOException | SecurityException e) {
            // hidepid or exited: keep empty
        }
        String cgroup = "";
        try {
            cgroup = ProcText.cgroup(ProcFiles.readText(dir.resolve("cgroup"), CGROUP_MAX));
        } catch (IOException | SecurityException e) {
            // keep empty
        }
        return Optional.of(new ProcessInfo(pid, st.ppid(), st.comm(), cmdline, uid, userName(uid),
                st.startTime(), started(st.startTime()), cgroup));
    }

    /** {@inheritDoc} A zombie counts as exited. One read of {@code /proc/<pid>/stat}. */
    @Override
    public synchronized boolean isAlive(int pid, long startTime) {
        ensureOpen();
        if (pid <= 0) {
            return false;
        }
        try {
            int n = ProcFiles.read(procRoot.resolve(Integer.toString(pid)).resolve("stat"), statBuf);
            char state = ProcStat.parseState(statBuf, n);
            // A zombie (Z) or dead (X) process has exited; only its parent has not reaped it yet.
            return state != 'Z' && state != 'X' && ProcStat.parseStartTime(statBuf, n) == startTime;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public List<String> limitations() {
        return limitations;
    }

    @Override
    public synchronized void close() {
        closed = true;
        inodeOwner.clear();
        notFound.clear();
        pidInodes.clear();
        pidUids.clear();
        knownPids = null;
    }

    /** How many {@code /proc/<pid>/fd} directories this mapper has read so far. */
    public synchronized long fdDirsRead() {
        return fdDirsRead;
    }

    /** How many rescans of processes that were not new this mapper has made. */
    synchronized long rescans() {
        return rescans;
    }

    /** How many socket inodes are cached with their owner. */
    synchronized int cachedInodes() {
        return inodeOwner.size();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("mapper closed");
        }
    }

    private Instant started(long startTicks) {
        if (bootTime < 0) {
            try {
                bootTime = ProcText.bootTime(ProcFiles.readText(procRoot.resolve("stat"), 1024 * 1024));
            } catch (IOException | SecurityException e) {
                return null;
            }
            if (bootTime < 0) {
                return null;
            }
        }
        long seconds = startTicks / clockTicks;
        long nanos = (startTicks % clockTicks) * 1_000_000_000L / clockTicks;
        return Instant.ofEpochSecond(bootTime + seconds, nanos);
    }

    private String userName(int uid) {
        if (uid < 0) {
            return "";
        }
        try {
            FileTime time = Files.getLastModifiedTime(passwdFile);
            if (!time.equals(passwdTime)) {
                userNames = Passwd.parse(ProcFiles.readText(passwdFile, PASSWD_MAX));
                passwdTime = time;
            }
        } catch (IOException | SecurityException e) {
            // no passwd: numeric names
        }
        String name = userNames.get(uid);
        return name != null ? name : Integer.toString(uid);
    }

    private static long clockTicks() {
        if (Libc.loadError() == null) {
            try {
                long ticks = Libc.sysconf(Libc.SC_CLK_TCK);
                if (ticks > 0) {
                    return ticks;
                }
            } catch (LinkageError e) {
                // fall through
            }
        }
        return DEFAULT_CLK_TCK;
    }

    private static List<String> readLimitations(Path procRoot) {
        long caps;
        try {
            caps = ProcStatus.effectiveCapabilities(ProcFiles.readText(procRoot.resolve("self/status"), STATUS_MAX));
        } catch (IOException | SecurityException e) {
            return List.of("cannot read own capabilities from " + procRoot.resolve("self/status")
                    + ": other users' sockets may not be mapped to processes");
        }
        if (ProcStatus.canReadAllFds(caps)) {
            return List.of();
        }
        return List.of("not root: other users' sockets cannot be mapped to processes (their traffic is"
                + " unattributed); for full visibility run as root or grant"
                + " cap_sys_ptrace,cap_dac_read_search (e.g. setcap on the java binary)");
    }
}
