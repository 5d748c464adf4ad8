package org.sstop.linux.ebpf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.CounterSample.ProcessCount;

/**
 * The last counts read per process entry (thread group id and start time), to turn the map's
 * cumulative values into deltas, and when each quiet entry's process should next be checked for
 * having exited (then its entry can go: nothing can add to it any more). Checks back off (1, 2,
 * 4 ... 64 drains) so that many quiet live processes cost a few checks per drain. Owned by the
 * counter; one thread at a time.
 */
final class ProcessLedger {

    private static final int MAX_BACKOFF = 64;

    /** A process entry's key: the kernel's identity of a process. */
    record Key(int tgid, long startNs) {
    }

    /** What is known of one entry. */
    private static final class Entry {
        final int ppid;
        final int uid;
        final String name;
        final long cgroupId;
        long up;
        long down;
        long loopUp;
        long loopDown;
        int nextCheck;
        int backoff = 1;

        Entry(int ppid, int uid, String name, long cgroupId) {
            this.ppid = ppid;
            this.uid = uid;
            this.name = name;
            this.cgroupId = cgroupId;
        }
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    private final long nsPerTick;

    /**
     * @param nsPerTick nanoseconds per clock tick ({@code 1e9 / sysconf(_SC_CLK_TCK)}), to give
     *     start times in the unit of {@code /proc/<pid>/stat}
     */
    ProcessLedger(long nsPerTick) {
        this.nsPerTick = nsPerTick;
    }

    /** How many entries it remembers. */
    int size() {
        return entries.size();
    }

    /** A start time in clock ticks since boot, as {@code /proc/<pid>/stat} field 22 has it. */
    long ticks(long startNs) {
        return startNs / nsPerTick;
    }

    /**
     * Records one map entry (key and value as {@link CounterMaps} lays them out) and adds what the
     * process moved since the last read to {@code out}.
     *
     * @param drain the number of the current drain
     */
    void read(ByteBuffer k, int ko, ByteBuffer v, int vo, int drain, List<ProcessCount> out) {
        Key key = new Key(k.getInt(ko + CounterMaps.PROC_KEY_TGID), k.getLong(ko + CounterMaps.PROC_KEY_START));
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry(v.getInt(vo + CounterMaps.PROC_PPID), v.getInt(vo + CounterMaps.PROC_UID), comm(v, vo),
                    v.getLong(vo + CounterMaps.PROC_CGROUP));
            entries.put(key, e);
        }
        long up = v.getLong(vo + CounterMaps.PROC_UP);
        long down = v.getLong(vo + CounterMaps.PROC_DOWN);
        long loopUp = v.getLong(vo + CounterMaps.PROC_UP + CounterMaps.PROC_LOOPBACK_SHIFT);
        long loopDown = v.getLong(vo + CounterMaps.PROC_DOWN + CounterMaps.PROC_LOOPBACK_SHIFT);
        if (update(key, e, up, down, loopUp, loopDown, out)) {
            e.backoff = 1;
            e.nextCheck = drain + 1;
        }
    }

    /**
     * The quiet entries due for an exit check in this drain, at most {@code budget}; those not
     * found gone are checked again later, each time twice as late.
     */
    List<Key> due(int drain, int budget) {
        List<Key> due = new ArrayList<>();
        for (Map.Entry<Key, Entry> m : entries.entrySet()) {
            Entry e = m.getValue();
            if (e.nextCheck <= drain) {
                if (due.size() == budget) {
                    break;
                }
                due.add(m.getKey());
                e.nextCheck = drain + e.backoff;
                e.backoff = Math.min(e.backoff * 2, MAX_BACKOFF);
            }
        }
        return due;
    }

    /**
     * Takes an exited process's final counts (read just before its entry is deleted), adds what
     * it moved since the last read to {@code out}, and forgets it.
     */
    void finish(Key key, ByteBuffer v, int vo, List<ProcessCount> out) {
        Entry e = entries.remove(key);
        if (e != null) {
            update(key, e, v.getLong(vo + CounterMaps.PROC_UP), v.getLong(vo + CounterMaps.PROC_DOWN),
                    v.getLong(vo + CounterMaps.PROC_UP + CounterMaps.PROC_LOOPBACK_SHIFT),
                    v.getLong(vo + CounterMaps.PROC_DOWN + CounterMaps.PROC_LOOPBACK_SHIFT), out);
        }
    }

    /** Forgets an entry that is gone from the map. */
    void forget(Key key) {
        entries.remove(key);
    }

    private boolean update(Key key, Entry e, long up, long down, long loopUp, long loopDown, List<ProcessCount> out) {
        long du = up - e.up;
        long dd = down - e.down;
        long dlu = loopUp - e.loopUp;
        long dld = loopDown - e.loopDown;
        if ((du | dd | dlu | dld) == 0) {
            return false;
        }
        out.add(new ProcessCount(key.tgid(), ticks(key.startNs()), e.ppid, e.uid, e.name, du, dd, dlu, dld, e.cgroupId));
        e.up = up;
        e.down = down;
        e.loopUp = loopUp;
        e.loopDown = loopDown;
        return true;
    }

    /** The {@code comm} field: up to its first NUL, at most 16 bytes, decoded leniently (it is untrusted). */
    private static String comm(ByteBuffer v, int vo) {
        byte[] b = new byte[CounterMaps.COMM_SIZE];
        v.get(vo + CounterMaps.PROC_COMM, b);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
