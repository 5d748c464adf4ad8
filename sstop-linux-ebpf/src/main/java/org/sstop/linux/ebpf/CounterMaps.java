package org.sstop.linux.ebpf;

import java.io.IOException;

/**
 * The maps the counting programs write (three of them the drain reads), and their layouts (the
 * one place both sides take them from). All bounded; the three the drain reads are preallocated,
 * so that the programs never allocate (tracing programs before Linux 6.1 require it):
 * <ul>
 *   <li>{@code procs}: hash, {@value #PROCS_MAX} processes; key {@code {u32 tgid, u32 pad, u64
 *       start_boottime}}, value {@code {u64 up, down, loop_up, loop_down; u32 ppid, uid; char
 *       comm[16]; u64 cgroup_id}}; cumulative.</li>
 *   <li>{@code socks}: hash, {@value #SOCKS_MAX} sockets; key {@code u64 cookie}, value
 *       {@code {u64 up, down; u32 mover, pad}}: cumulative bytes, and the tgid of the process
 *       that last added to them (the one using a socket shared after a fork).</li>
 *   <li>{@code unplaced}: array of one {@code {u64 up, down, sockets_full}}: bytes no process
 *       entry could take (its table was full), and events no socket entry could take.</li>
 *   <li>{@code marks}: hash, {@value #MARKS_MAX} TCP sockets, allocated as they come (only the
 *       tracepoint path, Linux 6.3+, uses it: tracing programs may since 6.1), so that it takes
 *       kernel memory for live sockets only; key the socket's kernel address, value {@code u64}:
 *       the {@code copied_seq} up to which its reads were counted ({@link ReadMarks}); the
 *       programs' own, never drained.</li>
 * </ul>
 * Owned by the counter; {@link #close()} closes the four fds.
 */
final class CounterMaps implements AutoCloseable {

    /** The process table's bound. */
    static final int PROCS_MAX = 16_384;
    /** The socket table's bound. */
    static final int SOCKS_MAX = 65_536;
    /** The read marks' bound: a socket that finds the map full has no mark (its recvmsg reads are counted as they return). */
    static final int MARKS_MAX = 65_536;
    static final int MARK_KEY_SIZE = 8;
    static final int MARK_VALUE_SIZE = 8;

    static final int PROC_KEY_SIZE = 16;
    static final int PROC_KEY_TGID = 0;
    static final int PROC_KEY_START = 8;
    static final int PROC_VALUE_SIZE = 64;
    static final int PROC_UP = 0;
    static final int PROC_DOWN = 8;
    /** Loopback counters follow the others at this distance: {@code loop_up = up + 16}. */
    static final int PROC_LOOPBACK_SHIFT = 16;
    static final int PROC_PPID = 32;
    static final int PROC_UID = 36;
    static final int PROC_COMM = 40;
    static final int COMM_SIZE = 16;
    /** The process's cgroup v2 id when first counted: its container, should it exit before it is described. */
    static final int PROC_CGROUP = 56;

    static final int SOCK_KEY_SIZE = 8;
    static final int SOCK_VALUE_SIZE = 24;
    static final int SOCK_UP = 0;
    static final int SOCK_DOWN = 8;
    static final int SOCK_MOVER = 16;

    static final int UNPLACED_KEY_SIZE = 4;
    static final int UNPLACED_VALUE_SIZE = 40;
    static final int UNPLACED_UP = 0;
    static final int UNPLACED_DOWN = 8;
    static final int UNPLACED_SOCKETS_FULL = 16;
    /** Loopback bytes without a process: {@code loop_up = up + 24}, {@code loop_down = down + 24}. */
    static final int UNPLACED_LOOPBACK_SHIFT = 24;

    private final BpfMap procs;
    private final BpfMap socks;
    private final BpfMap unplaced;
    private final BpfMap marks;

    private CounterMaps(BpfMap procs, BpfMap socks, BpfMap unplaced, BpfMap marks) {
        this.procs = procs;
        this.socks = socks;
        this.unplaced = unplaced;
        this.marks = marks;
    }

    /**
     * Creates the maps, with the given bounds for the process and socket tables (tests use small ones).
     *
     * @throws ErrnoException when the kernel refuses one (what was made is closed again)
     */
    static CounterMaps create(Bpf bpf, int procsMax, int socksMax) throws ErrnoException {
        BpfMap procs = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "sstop_procs", PROC_KEY_SIZE, PROC_VALUE_SIZE, procsMax);
        BpfMap socks = null;
        BpfMap unplaced = null;
        try {
            socks = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "sstop_socks", SOCK_KEY_SIZE, SOCK_VALUE_SIZE, socksMax);
            unplaced = BpfMap.create(bpf, Bpf.MAP_TYPE_ARRAY, "sstop_unplaced", UNPLACED_KEY_SIZE, UNPLACED_VALUE_SIZE, 1);
            BpfMap marks = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "sstop_marks", MARK_KEY_SIZE, MARK_VALUE_SIZE,
                    MARKS_MAX, Bpf.NO_PREALLOC);
            return new CounterMaps(procs, socks, unplaced, marks);
        } catch (ErrnoException | RuntimeException e) {
            procs.close();
            if (socks != null) {
                socks.close();
            }
            if (unplaced != null) {
                unplaced.close();
            }
            throw e;
        }
    }

    BpfMap procs() {
        return procs;
    }

    BpfMap socks() {
        return socks;
    }

    BpfMap unplaced() {
        return unplaced;
    }

    BpfMap marks() {
        return marks;
    }

    /**
     * The kernel memory the maps hold.
     *
     * @return bytes, from their fdinfo
     * @throws IOException when an fdinfo cannot be read
     */
    long memlock() throws IOException {
        return procs.memlock() + socks.memlock() + unplaced.memlock() + marks.memlock();
    }

    /** Closes the maps. Idempotent. */
    @Override
    public void close() {
        procs.close();
        socks.close();
        unplaced.close();
        marks.close();
    }
}
