package org.sstop.linux.ebpf;

import java.util.List;
import org.sstop.api.CounterSample.SocketCount;

/**
 * The last counts read per socket cookie, to turn the map's cumulative values into deltas, and
 * the drain in which each last changed, to find sockets gone quiet. An open-addressing table of
 * primitives (linear probing, backward-shift deletion): a drain of 10,000 sockets allocates
 * nothing here but the counts it returns. A slot's four fields sit side by side in one array
 * ({@link #STRIDE} longs), so that a lookup touches one or two cache lines rather than one per
 * field: the table of 10,000 sockets outgrows the CPU caches, and the drain looks every socket up.
 * Cookie 0 marks an empty slot (the programs never store it). Owned by the counter; one thread at
 * a time.
 */
final class SocketLedger {

    private static final int INITIAL = 1024;
    /** Longs per slot: cookie, up, down, the drain of the last change. */
    private static final int STRIDE = 4;
    private static final int COOKIE = 0;
    private static final int UP = 1;
    private static final int DOWN = 2;
    private static final int CHANGED = 3;

    private long[] slots = new long[INITIAL * STRIDE];
    private int capacity = INITIAL;
    private int size;
    /**
     * No remembered socket last changed before this drain (a lower bound): while it is less than
     * {@code quietDrains} drains ago, {@link #quiet} knows there is none without a scan.
     */
    private long oldestChange = Long.MAX_VALUE;
    /** What {@link #touch} loaded, kept so that the compiler cannot drop the loads. */
    private long touched;

    /** How many sockets it remembers. */
    int size() {
        return size;
    }

    /**
     * Loads the slot where {@code cookie} would be found, and nothing else. The drain calls it for
     * a whole batch of cookies before reading them: in that tight loop the cache misses of the
     * lookups (the table is larger than the caches the kernel's walk of its map leaves us) overlap,
     * where in {@link #read}, between allocations, they come one at a time. Changes nothing.
     */
    void touch(long cookie) {
        touched += slots[home(cookie)];
    }

    /**
     * Records a socket's cumulative counts and adds what it moved since the last read to
     * {@code out} (all of it for a socket not seen before), with the process that last moved bytes.
     *
     * @param drain the number of the current drain
     */
    void read(long cookie, long upNow, long downNow, int mover, int drain, List<SocketCount> out) {
        long[] s = slots;
        int i = slot(cookie);
        if (s[i + COOKIE] == 0) {
            s[i + COOKIE] = cookie;
            s[i + UP] = 0;
            s[i + DOWN] = 0;
            s[i + CHANGED] = drain;
            oldestChange = Math.min(oldestChange, drain);
            size++;
        }
        long du = upNow - s[i + UP];
        long dd = downNow - s[i + DOWN];
        if (du != 0 || dd != 0) {
            out.add(new SocketCount(cookie, du, dd, mover));
            s[i + UP] = upNow;
            s[i + DOWN] = downNow;
            s[i + CHANGED] = drain;
        }
        if (size * 2 > capacity) {
            grow();
        }
    }

    /**
     * Copies into {@code into} up to its length the cookies that did not change in the last
     * {@code quietDrains} drains. A complete scan remembers when the oldest socket changed (those
     * it returns included, in case one is not taken yet), and the next scans only once that one
     * may be quiet.
     *
     * @return how many were copied
     */
    int quiet(int drain, int quietDrains, long[] into) {
        if (drain - oldestChange < quietDrains) {
            return 0;
        }
        long[] s = slots;
        long oldest = Long.MAX_VALUE;
        int n = 0;
        for (int i = 0; i < s.length; i += STRIDE) {
            if (s[i + COOKIE] == 0) {
                continue;
            }
            if (drain - s[i + CHANGED] >= quietDrains) {
                if (n == into.length) {
                    return n; // cut short: the bound stays as it was
                }
                into[n++] = s[i + COOKIE];
            }
            oldest = Math.min(oldest, s[i + CHANGED]);
        }
        oldestChange = oldest;
        return n;
    }

    /**
     * Takes a socket's final counts (read as its entry was deleted), adds what it moved since the
     * last read to {@code out}, and forgets it: if the socket moves bytes again, its new entry
     * counts from 0.
     */
    void finish(long cookie, long upNow, long downNow, int mover, List<SocketCount> out) {
        int i = slot(cookie);
        if (slots[i + COOKIE] == 0) {
            return;
        }
        long du = upNow - slots[i + UP];
        long dd = downNow - slots[i + DOWN];
        if (du != 0 || dd != 0) {
            out.add(new SocketCount(cookie, du, dd, mover));
        }
        remove(i);
    }

    /** Forgets a socket whose entry is gone without a final read. */
    void forget(long cookie) {
        int i = slot(cookie);
        if (slots[i + COOKIE] != 0) {
            remove(i);
        }
    }

    /** The slot's home index (a multiple of {@link #STRIDE}) for {@code cookie}. */
    private int home(long cookie) {
        return (Long.hashCode(cookie * 0x9E3779B97F4A7C15L) & (capacity - 1)) * STRIDE;
    }

    /** The index of the slot holding {@code cookie}, or of the empty slot where it would go. */
    private int slot(long cookie) {
        long[] s = slots;
        int mask = s.length - 1;
        int i = home(cookie);
        while (s[i + COOKIE] != 0 && s[i + COOKIE] != cookie) {
            i = (i + STRIDE) & mask;
        }
        return i;
    }

    /** Empties slot {@code i} and moves later entries of its probe run back, so that lookups still find them. */
    private void remove(int i) {
        long[] s = slots;
        int mask = s.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + STRIDE) & mask;
            if (s[j + COOKIE] == 0) {
                break;
            }
            int home = home(s[j + COOKIE]);
            // move j into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                System.arraycopy(s, j, s, hole, STRIDE);
                hole = j;
            }
        }
        s[hole + COOKIE] = 0;
        size--;
    }

    private void grow() {
        long[] old = slots;
        capacity *= 2;
        slots = new long[capacity * STRIDE];
        for (int k = 0; k < old.length; k += STRIDE) {
            if (old[k + COOKIE] != 0) {
                System.arraycopy(old, k, slots, slot(old[k + COOKIE]), STRIDE);
            }
        }
    }
}
