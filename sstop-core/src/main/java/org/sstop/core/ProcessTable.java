package org.sstop.core;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sstop.api.ContainerInfo;
import org.sstop.api.CounterSample;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.SocketInfo;

/**
 * Which process owns which socket, and the processes' lives. The mapper is asked only about
 * sockets whose owner is not known yet (with back-off for those it cannot find), each pid is
 * described once, and every running process is checked for life (one that holds sockets less
 * often); an exited one is kept for the retention time with its totals, and the sockets it still
 * held are mapped again (a child holds them now). A pid whose start time changed is a new process.
 * Owns the {@link ProcessEntry} lives and the owner fields of {@link SockState}.
 */
final class ProcessTable {

    private static final long SECOND = 1_000_000_000L;
    /**
     * How often a process that holds sockets is checked for life: the mapper found it by one of
     * them, but a socket outlives the process that made it when a child holds it too (a daemon
     * that forks and exits), and then the child must take it.
     */
    private static final long HOLDER_CHECK_NANOS = 2 * SECOND;
    /**
     * How often the mapper is asked again about sockets that have an owner (without a kernel
     * counter): a parent may hand a connection to a child and let go of it, living on.
     */
    static final long OWNER_CHECK_NANOS = 10 * SECOND;
    /** Longest wait before asking again about a socket whose owner was not found. */
    private static final long MAX_BACKOFF_NANOS = 16 * SECOND;
    /**
     * How often a process whose container has no name yet is described again: as often as the
     * procfs mapper looks for a name it did not find (a runtime writes its files after it starts
     * the container's first process).
     */
    static final long NAME_RETRY_NANOS = 30 * SECOND;

    private final Map<Integer, ProcessEntry> running = new HashMap<>();
    /** The last process of each pid that exited and is still shown: a kernel counter's late final count finds it here. */
    private final Map<Integer, ProcessEntry> exited = new HashMap<>();
    private final List<ProcessEntry> all = new ArrayList<>();
    private final LongObjectMap<ProcessEntry> keyOwners = new LongObjectMap<>(1024);
    private final List<SocketInfo> unmappedInfos = new ArrayList<>();
    private final List<SockState> unmappedStates = new ArrayList<>();
    private final List<SockState> lateMapped = new ArrayList<>();
    private final List<ProcessEntry> counted = new ArrayList<>();
    /** The same entries by pid (reused: no garbage). */
    private final LongObjectMap<ProcessEntry> countedByPid = new LongObjectMap<>();
    private final long retentionNanos;
    /** When the sockets that have an owner are next asked about again (0: not yet scheduled). */
    private long nextOwnerCheckNanos;

    ProcessTable(long retentionNanos) {
        this.retentionNanos = retentionNanos;
    }

    /** Every process to show: running ones and exited ones still within retention. */
    List<ProcessEntry> all() {
        return all;
    }

    /**
     * Whether the sockets that have an owner are due to be asked about again (see
     * {@link #OWNER_CHECK_NANOS}); the first time, schedules it.
     */
    boolean ownerCheckDue(SampleTime t) {
        if (nextOwnerCheckNanos == 0) {
            nextOwnerCheckNanos = t.nowNanos() + OWNER_CHECK_NANOS;
        }
        return t.nowNanos() >= nextOwnerCheckNanos;
    }

    /**
     * Finds owners for open sockets that have none yet and, with {@code checkOwners}, asks again
     * about those the mapper gave one: where it now names another running process, the socket
     * (and its rate) goes to that one.
     *
     * @throws IOException when the mapper fails (the caller decides about fallback)
     */
    void map(List<SockState> sockets, ProcessMapper mapper, long tick, SampleTime t, boolean checkOwners) throws IOException {
        collect(sockets, mapper, tick, t, checkOwners);
        if (checkOwners) {
            nextOwnerCheckNanos = t.nowNanos() + OWNER_CHECK_NANOS;
        }
        if (!unmappedInfos.isEmpty()) {
            ask(mapper, tick, t);
        }
    }

    /** Without a mapper: sockets whose source names their owner (or whose listener tells) still get one. */
    void mapWithoutMapper(List<SockState> sockets, long tick, SampleTime t) {
        collect(sockets, null, tick, t, false);
    }

    /**
     * The sockets given an owner in this sample that had already been charged as unattributed
     * (until the next {@link #resetSample()}).
     */
    List<SockState> lateOwned() {
        return lateMapped;
    }

    /** Gives owners to the sockets whose owner is known without asking; collects the others to ask about. */
    private void collect(List<SockState> sockets, ProcessMapper mapper, long tick, SampleTime t, boolean checkOwners) {
        unmappedInfos.clear();
        unmappedStates.clear();
        for (int i = 0, n = sockets.size(); i < n; i++) {
            SockState s = sockets.get(i);
            SocketInfo si = s.info;
            if (s.owner != null) {
                if (si.hasOwner() && si.pid() != s.owner.pid) { // another process holds it now
                    own(s, ownerReportedBySource(si.pid(), mapper, tick, t));
                } else if (checkOwners && s.mappedKey > 0 && si.ownerKey() == s.mappedKey && s.isOpen(tick)) {
                    unmappedInfos.add(si); // still its holder's?
                    unmappedStates.add(s);
                }
                continue;
            }
            if (si.hasOwner()) {
                own(s, ownerReportedBySource(si.pid(), mapper, tick, t));
            } else if (si.ownerKey() <= 0 || !s.isOpen(tick)) {
                continue; // nothing to map by: its bytes stay unattributed with its reason
            } else {
                ProcessEntry cached = keyOwners.get(si.ownerKey());
                if (cached != null && cached.state == ProcessState.RUNNING) {
                    own(s, cached);
                } else if (mapper != null && t.nowNanos() >= s.nextMapNanos) {
                    unmappedInfos.add(si);
                    unmappedStates.add(s);
                }
            }
        }
    }

    private void ask(ProcessMapper mapper, long tick, SampleTime t) throws IOException {
        int[] found = mapper.owners(unmappedInfos);
        if (found == null || found.length != unmappedInfos.size()) {
            throw new IOException("the process mapper answered " + (found == null ? "nothing" : found.length + " owners")
                    + " for " + unmappedInfos.size() + " sockets");
        }
        boolean limited = !mapper.limitations().isEmpty();
        for (int i = 0, n = unmappedStates.size(); i < n; i++) {
            SockState s = unmappedStates.get(i);
            if (s.owner != null) { // asked again: another holder now takes it, with its rate
                ProcessEntry e = found[i] > 0 && found[i] != s.owner.pid ? resolve(found[i], mapper, tick, t) : null;
                if (e != null && e != s.owner) {
                    s.owner.meter.shedRate(s.meter, 1);
                    e.meter.adoptRate(s.meter);
                    handOver(s, e);
                }
                continue;
            }
            ProcessEntry e = found[i] > 0 ? resolve(found[i], mapper, tick, t) : null;
            if (e != null) {
                own(s, e);
                s.mappedKey = s.info.ownerKey();
                keyOwners.put(s.mappedKey, e);
                continue;
            }
            if (found[i] > 0) {
                s.reason = UnattributedReason.PROCESS_EXITED;
            } else {
                s.reason = limited ? UnattributedReason.NO_PERMISSION : UnattributedReason.NO_PROCESS;
            }
            // Retry at the next sample first (a new socket of a known process is often found by the
            // mapper's next rescan), then back off: 0.5 s, 1 s, 2 s ... up to 16 s.
            long backoff = s.mapAttempts == 0 ? 0 : Math.min(MAX_BACKOFF_NANOS, (SECOND / 2) << Math.min(5, s.mapAttempts - 1));
            s.mapAttempts++;
            s.nextMapNanos = t.nowNanos() + backoff;
        }
    }

    private void own(SockState s, ProcessEntry owner) {
        s.owner = owner;
        if (s.unclaimed != null) {
            lateMapped.add(s);
        }
    }

    /**
     * The processes a kernel traffic counter reports, each by its pid and start time: the entry the
     * table has for it, or a new one, described by the mapper while it runs, else by what the
     * counter recorded (a process that exited before it was seen still has its name, and the
     * container of the cgroup it ran in).
     *
     * @param mapper the mapper, or null
     * @return one entry per count, in order (valid until the next call)
     */
    List<ProcessEntry> counted(List<CounterSample.ProcessCount> counts, ProcessMapper mapper, long tick, SampleTime t) {
        counted.clear();
        countedByPid.clear();
        for (int i = 0, n = counts.size(); i < n; i++) {
            CounterSample.ProcessCount c = counts.get(i);
            ProcessEntry e = running.get(c.pid());
            if (e != null && e.info != null && e.startTime() != c.startTime()) {
                exit(e, t); // the pid belongs to someone else now
                e = null;
            }
            if (e == null) {
                ProcessEntry gone = exited.get(c.pid());
                e = gone != null && gone.startTime() == c.startTime() ? gone : null; // its last bytes, counted late
            }
            if (e == null) {
                ProcessInfo info = mapper == null ? null : MapperCalls.describe(mapper, c.pid()).orElse(null);
                if (info == null || info.startTime() != c.startTime()) {
                    info = ProcessText.bounded(new ProcessInfo(c.pid(), c.ppid(), c.name(), "", c.uid(),
                            MapperCalls.userName(mapper, c.uid()), c.startTime(), null, "", 0, MapperCalls.containerOfCgroup(mapper, c.cgroupId())));
                }
                e = new ProcessEntry(c.pid(), info);
                e.aliveCheckedTick = tick;
                add(e);
            }
            counted.add(e);
            if (c.pid() > 0) {
                countedByPid.put(c.pid(), e);
            }
        }
        return counted;
    }

    /** The process of this sample's {@link #counted} counts with that pid, or null. */
    ProcessEntry countedNow(int pid) {
        return pid > 0 ? countedByPid.get(pid) : null;
    }

    /**
     * Gives a counted socket to the process the counter says moved its bytes, where that one runs
     * and is not its owner: after a fork, the child that uses a socket its parent made (and maybe
     * let go of) is the one whose connection it is.
     */
    void followMover(SockState s, ProcessEntry mover) {
        if (mover.state == ProcessState.RUNNING && s.owner != mover) {
            handOver(s, mover);
        }
    }

    /** Makes {@code to} the socket's owner, and the owner its key maps to. */
    private void handOver(SockState s, ProcessEntry to) {
        own(s, to);
        if (s.mappedKey != 0) {
            keyOwners.put(s.mappedKey, to);
        }
    }

    /** The running process with this pid, checking once per sample that it is the same process. */
    private ProcessEntry resolve(int pid, ProcessMapper mapper, long tick, SampleTime t) {
        ProcessEntry e = running.get(pid);
        if (e != null) {
            if (e.aliveCheckedTick == tick || e.info == null || MapperCalls.alive(mapper, e)) {
                e.aliveCheckedTick = tick;
                return e;
            }
            exit(e, t); // the pid now belongs to someone else
        }
        Optional<ProcessInfo> info = MapperCalls.describe(mapper, pid);
        if (info.isEmpty()) {
            return null;
        }
        e = new ProcessEntry(pid, info.get());
        e.aliveCheckedTick = tick;
        add(e);
        return e;
    }

    /**
     * The process a socket source names: the running one with that pid while the mapper says it is
     * still the same process (a reused pid is a new one), else a new entry, described if it can be.
     */
    private ProcessEntry ownerReportedBySource(int pid, ProcessMapper mapper, long tick, SampleTime t) {
        ProcessEntry e = mapper == null ? running.get(pid) : resolve(pid, mapper, tick, t);
        if (e == null) {
            e = new ProcessEntry(pid, null);
            add(e);
        }
        return e;
    }

    private void add(ProcessEntry e) {
        running.put(e.pid, e);
        all.add(e);
    }

    /**
     * After a sample's sockets were counted: processes without a socket a mapper could find them by
     * are checked (at most every half second each) and marked exited when gone; exited processes
     * past their retention and without sockets are dropped.
     *
     * @param mapper the mapper, or null (then a process with no socket left counts as exited)
     */
    void reap(ProcessMapper mapper, SampleTime t) {
        for (int i = 0, n = all.size(); i < n; i++) {
            ProcessEntry e = all.get(i);
            if (mapper != null && e.state == ProcessState.RUNNING && t.nowNanos() >= e.nextNameCheckNanos
                    && unnamed(e.info)) {
                nameLate(mapper, e, t);
            }
            boolean holder = e.heldSockets > 0;
            if (e.state != ProcessState.RUNNING || holder && e.info == null
                    || t.nowNanos() < (holder ? e.nextHolderCheckNanos : e.nextAliveCheckNanos)) {
                continue;
            }
            boolean alive = mapper != null ? MapperCalls.alive(mapper, e) : !e.sockets.isEmpty();
            if (alive) {
                e.nextAliveCheckNanos = t.nowNanos() + SECOND / 2; // at most every 0.5 s: once per sample at 1 s
                e.nextHolderCheckNanos = t.nowNanos() + HOLDER_CHECK_NANOS;
            } else {
                exit(e, t);
                release(e);
            }
        }
        all.removeIf(e -> {
            e.dropped = e.state == ProcessState.EXITED && t.nowNanos() - e.exitedNanos >= retentionNanos
                    && e.sockets.isEmpty();
            if (e.dropped) {
                exited.remove(e.pid, e);
            }
            return e.dropped;
        });
    }

    /** The sockets of a process that exited while holding them go back to be mapped: another process holds them now. */
    private void release(ProcessEntry e) {
        for (int i = 0, n = e.sockets.size(); i < n; i++) {
            SockState s = e.sockets.get(i);
            if (s.owner == e && s.isHeld()) {
                forget(s);
                s.owner = null;
                s.mapAttempts = 0;
                s.nextMapNanos = 0;
            }
        }
    }

    /** Whether a process runs in a container known only by its short id so far. */
    private static boolean unnamed(ProcessInfo info) {
        ContainerInfo c = info == null ? null : info.container();
        return c != null && c.isContainer() && c.name().equals(c.shortId());
    }

    /** Describes a process again for its container's name; the first look is a retry period after it was described. */
    private static void nameLate(ProcessMapper mapper, ProcessEntry e, SampleTime t) {
        boolean first = e.nextNameCheckNanos == 0;
        e.nextNameCheckNanos = t.nowNanos() + NAME_RETRY_NANOS;
        if (first) {
            return;
        }
        ProcessInfo again = MapperCalls.describe(mapper, e.pid).orElse(null);
        if (again != null && again.startTime() == e.startTime() && again.container() != null
                && again.container().groupKey().equals(e.info.container().groupKey())) {
            e.info = again;
        }
    }

    private void exit(ProcessEntry e, SampleTime t) {
        e.state = ProcessState.EXITED;
        e.exitedAt = t.wall();
        e.exitedNanos = t.nowNanos();
        running.remove(e.pid, e);
        exited.put(e.pid, e);
    }

    /**
     * A socket is gone: the owner key it was mapped by no longer maps to anyone (the key it was
     * mapped by, not its last one: an orphaned socket reports 0).
     */
    void forget(SockState s) {
        long key = s.mappedKey;
        if (key > 0 && keyOwners.get(key) == s.owner) {
            keyOwners.remove(key);
        }
        s.mappedKey = 0;
    }

    /** Starts a sample: no socket owned late yet, and every process's sockets and counts reset (the {@link Census} fills them again). */
    void resetSample() {
        lateMapped.clear();
        for (int i = 0, n = all.size(); i < n; i++) {
            all.get(i).resetSample();
        }
    }
}
