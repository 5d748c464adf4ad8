package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.sstop.api.CounterSample;
import org.sstop.api.CounterSample.ProcessCount;
import org.sstop.api.CounterSample.SocketCount;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.TrafficCounter;

/**
 * The eBPF {@link TrafficCounter}: the counting programs attached on one path, the three maps
 * they count into, and the ledgers that turn the maps' cumulative values into the deltas
 * {@link #drain()} returns. Each drain reads both tables whole (batch reads), then tidies them:
 * an entry of a process that has exited, or of a socket quiet for {@value #QUIET_DRAINS} drains,
 * is read a last time and deleted, so the bounded tables hold what is live. Owns every fd (maps,
 * programs, links): {@link #close()} closes them, which detaches the programs; nothing is pinned,
 * so the kernel frees everything if the JVM dies. Threading: see {@link org.sstop.api.Backend}.
 */
final class EbpfTrafficCounter implements TrafficCounter {

    /** Drains without a change after which a socket's entry is deleted (a cookie is never reused). */
    static final int QUIET_DRAINS = 3;
    /**
     * Exit checks of quiet processes per drain (each reads a {@code /proc/<pid>/stat}, a few
     * microseconds): enough for a build server's churn of short-lived processes.
     */
    private static final int EXIT_CHECKS = 512;
    /** Socket entries deleted per drain at most (a syscall each); the rest wait for the next. */
    private static final int SOCKET_DELETES = 8192;
    /** Later processes last: a reused pid's newer process must come after the older one. */
    private static final Comparator<ProcessCount> BY_START = Comparator.comparingLong(ProcessCount::startTime);

    private final Bpf bpf;
    private final CounterMaps maps;
    private final CounterPrograms programs;
    private final ProcessLedger processes;
    private final SocketLedger sockets = new SocketLedger();
    private final Path procRoot;
    private final Memory procKey = new Memory(CounterMaps.PROC_KEY_SIZE);
    private final Memory procValue = new Memory(CounterMaps.PROC_VALUE_SIZE);
    private final Memory sockKey = new Memory(CounterMaps.SOCK_KEY_SIZE);
    private final Memory sockValue = new Memory(CounterMaps.SOCK_VALUE_SIZE);
    private final Memory unplacedKey = new Memory(CounterMaps.UNPLACED_KEY_SIZE);
    private final Memory unplacedValue = new Memory(CounterMaps.UNPLACED_VALUE_SIZE);
    // views made once: JNA's getByteBuffer makes a new buffer and weak reference on every call
    private final ByteBuffer procView = view(procValue);
    private final ByteBuffer sockView = view(sockValue);
    private final ByteBuffer unplacedView = view(unplacedValue);
    private final long[] quiet = new long[SOCKET_DELETES];
    private boolean lookupAndDelete = true;
    /** The unplaced counters as last read: up, down, loopback up, loopback down. */
    private final long[] unplaced = new long[4];
    private long socketsFull;
    private long missedRuns;
    private int drains;
    /**
     * The counts of the drain under way: they stay here when a drain fails half-way (the ledgers
     * have moved on), so the next drain returns them; written by drain only.
     */
    private List<ProcessCount> pendingProcs = new ArrayList<>();
    private List<SocketCount> pendingSocks = new ArrayList<>();
    /** Written by drain, read by {@link #limitations()} from any thread. */
    private volatile List<String> limitations;
    private boolean closed;

    EbpfTrafficCounter(Bpf bpf, CounterMaps maps, CounterPrograms programs, long nsPerTick, Path procRoot) {
        this.bpf = bpf;
        this.maps = maps;
        this.programs = programs;
        this.processes = new ProcessLedger(nsPerTick);
        this.procRoot = procRoot;
        this.limitations = describe();
        unplacedKey.clear();
    }

    @Override
    public CounterSample drain() throws IOException {
        if (closed) {
            throw new PermanentFailureException("the eBPF counter is closed", null);
        }
        try {
            int drain = ++drains;
            List<ProcessCount> procs = pendingProcs;
            List<SocketCount> socks = pendingSocks;
            maps.procs().forEach((k, ko, v, vo) -> processes.read(k, ko, v, vo, drain, procs));
            retireExited(drain, procs);
            maps.socks().forEachBatch((k, v, n) -> readSockets(k, v, n, drain, socks));
            retireQuiet(drain, socks);
            long[] unplacedNow = readUnplaced();
            procs.sort(BY_START);
            // sized as this drain's, which the next one is likely to be like: no regrowing of 10,000 counts
            pendingProcs = new ArrayList<>(procs.size());
            pendingSocks = new ArrayList<>(socks.size());
            return new CounterSample(procs, socks, unplacedNow[0], unplacedNow[1], unplacedNow[2], unplacedNow[3]);
        } catch (ErrnoException e) {
            if (e.errno() == Libc.EBADF) {
                throw new PermanentFailureException("the eBPF counter's maps are gone: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Reads a batch of socket entries: first loads their ledger slots (see {@link SocketLedger#touch}), then reads them. */
    private void readSockets(ByteBuffer k, ByteBuffer v, int n, int drain, List<SocketCount> out) {
        for (int i = 0; i < n; i++) {
            sockets.touch(k.getLong(i * CounterMaps.SOCK_KEY_SIZE));
        }
        for (int i = 0; i < n; i++) {
            int vo = i * CounterMaps.SOCK_VALUE_SIZE;
            sockets.read(k.getLong(i * CounterMaps.SOCK_KEY_SIZE), v.getLong(vo + CounterMaps.SOCK_UP),
                    v.getLong(vo + CounterMaps.SOCK_DOWN), v.getInt(vo + CounterMaps.SOCK_MOVER), drain, out);
        }
    }

    /** Reads the last counts of entries whose process has exited and deletes them. */
    private void retireExited(int drain, List<ProcessCount> out) throws ErrnoException {
        for (ProcessLedger.Key key : processes.due(drain, EXIT_CHECKS)) {
            if (!ProcessExit.gone(procRoot, key.tgid(), processes.ticks(key.startNs()))) {
                continue;
            }
            procKey.clear();
            procKey.setInt(CounterMaps.PROC_KEY_TGID, key.tgid());
            procKey.setLong(CounterMaps.PROC_KEY_START, key.startNs());
            if (take(maps.procs(), procKey, procValue)) {
                processes.finish(key, procView, 0, out);
            } else {
                processes.forget(key);
            }
        }
    }

    /** Reads the last counts of sockets quiet for {@link #QUIET_DRAINS} drains and deletes their entries. */
    private void retireQuiet(int drain, List<SocketCount> out) throws ErrnoException {
        int n = sockets.quiet(drain, QUIET_DRAINS, quiet);
        for (int i = 0; i < n; i++) {
            sockKey.setLong(0, quiet[i]);
            if (take(maps.socks(), sockKey, sockValue)) {
                sockets.finish(quiet[i], sockView.getLong(CounterMaps.SOCK_UP), sockView.getLong(CounterMaps.SOCK_DOWN),
                        sockView.getInt(CounterMaps.SOCK_MOVER), out);
            } else {
                sockets.forget(quiet[i]);
            }
        }
    }

    /**
     * Reads and deletes an entry: in one step where the kernel can (5.14+); else a lookup then a
     * delete, which loses what is added in between (nothing for an exited process; for a quiet
     * socket, what it moves in that instant, on the socket only, never on its process).
     */
    private boolean take(BpfMap map, Memory key, Memory value) throws ErrnoException {
        if (lookupAndDelete) {
            try {
                return map.lookupAndDelete(key, value);
            } catch (ErrnoException e) {
                if (e.errno() != Libc.EINVAL && e.errno() != Libc.ENOTSUPP && e.errno() != Libc.EOPNOTSUPP) {
                    throw e;
                }
                lookupAndDelete = false;
            }
        }
        boolean found = map.lookup(key, value);
        map.delete(key);
        return found;
    }

    /**
     * The unplaced bytes since the last drain: up, down, loopback up, loopback down; refreshes the
     * limitations when a table was full.
     */
    private long[] readUnplaced() throws IOException {
        long[] delta = new long[unplaced.length];
        if (!maps.unplaced().lookup(unplacedKey, unplacedValue)) {
            return delta;
        }
        ByteBuffer v = unplacedView;
        int[] fields = {CounterMaps.UNPLACED_UP, CounterMaps.UNPLACED_DOWN,
            CounterMaps.UNPLACED_UP + CounterMaps.UNPLACED_LOOPBACK_SHIFT,
            CounterMaps.UNPLACED_DOWN + CounterMaps.UNPLACED_LOOPBACK_SHIFT};
        boolean changed = false;
        for (int i = 0; i < fields.length; i++) {
            long now = v.getLong(fields[i]);
            delta[i] = now - unplaced[i];
            unplaced[i] = now;
            changed |= delta[i] != 0;
        }
        long full = v.getLong(CounterMaps.UNPLACED_SOCKETS_FULL);
        long missed = missedRuns;
        try {
            missed = programs.missedRuns();
        } catch (IOException e) {
            // only the report of skipped runs waits for the next drain
        }
        if (changed || full != socketsFull || missed != missedRuns) {
            socketsFull = full;
            missedRuns = missed;
            limitations = describe();
        }
        return delta;
    }

    /**
     * What this counter cannot see, given its kernel, its cookie source and how full its tables have been. (That
     * datagrams of an unconnected wildcard-bound UDP socket count as network traffic even to this host
     * is a property of the tier, documented, not a limit of this run.)
     */
    private List<String> describe() {
        List<String> l = new ArrayList<>(programs.blindSpots());
        if (programs.variant().cookies() == CounterProgram.CookieSource.FIELD) {
            l.add("this kernel does not give tracing programs socket cookies: a socket is counted on its own only"
                    + " once a sock_diag dump has listed it (before that, only in its process's counts)");
        }
        long unplacedBytes = unplaced[0] + unplaced[1] + unplaced[2] + unplaced[3];
        if (unplacedBytes > 0) {
            l.add(String.format(Locale.ROOT, "process table full (%,d processes): %,d bytes could not be charged to a process",
                    maps.procs().maxEntries(), unplacedBytes));
        }
        if (missedRuns > 0) {
            l.add(String.format(Locale.ROOT, "the kernel skipped the counting program %,d times (it would have run"
                    + " nested on a CPU): those sends and receives are not counted", missedRuns));
        }
        if (socketsFull > 0) {
            l.add(String.format(Locale.ROOT, "socket table full (%,d sockets): %,d sends and receives were counted for their"
                    + " processes only", maps.socks().maxEntries(), socketsFull));
        }
        return List.copyOf(l);
    }

    private static ByteBuffer view(Memory m) {
        return m.getByteBuffer(0, m.size()).order(ByteOrder.nativeOrder());
    }

    @Override
    public List<String> limitations() {
        return limitations;
    }

    /** The maps (tests and the benchmark fill them). */
    CounterMaps maps() {
        return maps;
    }

    /** The attached programs (tests check their fds). */
    CounterPrograms programs() {
        return programs;
    }

    /** Detaches the programs and frees the maps and buffers. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        programs.close();
        maps.close();
        bpf.close();
        for (Memory m : List.of(procKey, procValue, sockKey, sockValue, unplacedKey, unplacedValue)) {
            m.close();
        }
    }
}
