package org.sstop.linux.ebpf;

import java.util.List;
import org.sstop.api.CounterSample.SocketCount;

/**
 * The last counts read per socket cookie, to turn the map's cumulative values into deltas, and
 * the drain in which each last changed, to find sockets gone quiet. An open-addressing table of
 * primitives (linear probing, backward-shift deletion): a drain of 10,000 sockets allocates
 * nothing here but the counts it returns. Cookie 0 marks an empty slot (the programs never store
 * it). Owned by the counter; one thread at a time.
 */
final class SocketLedger {

    private static final int INITIAL = 1024;

    private long[] cookies = new long[INITIAL];
    private long[] up = new long[INITIAL];
    private long[] down = new long[INITIAL];
    private int[] changed = new int[INITIAL];
    private int size;

    /** How many sockets it remembers. */
    int size() {
        return size;
    }

    /**
     * Records a socket's cumulative counts and adds what it moved since the last read to
     * {@code out} (all of it for a socket not seen before).
     *
     * @param drain the number of the current drain
     */
    void read(long cookie, long upNow, long downNow, int drain, List<SocketCount> out) {
        int i = slot(cookie);
        if (cookies[i] == 0) {
            cookies[i] = cookie;
            up[i] = 0;
            down[i] = 0;
            changed[i] = drain;
            size++;
        }
        long du = upNow - up[i];
        long dd = downNow - down[i];
        if (du != 0 || dd != 0) {
            out.add(new SocketCount(cookie, du, dd));
            up[i] = upNow;
            down[i] = downNow;
            changed[i] = drain;
        }
        if (size * 2 > cookies.length) {
            grow();
        }
    }

    /**
     * Copies into {@code into} up to its length the cookies that did not change in the last
     * {@code quietDrains} drains.
     *
     * @return how many were copied
     */
    int quiet(int drain, int quietDrains, long[] into) {
        int n = 0;
        for (int i = 0; i < cookies.length && n < into.length; i++) {
            if (cookies[i] != 0 && drain - changed[i] >= quietDrains) {
                into[n++] = cookies[i];
            }
        }
        return n;
    }

    /**
     * Takes a socket's final counts (read as its entry was deleted), adds what it moved since the
     * last read to {@code out}, and forgets it: if the socket moves bytes again, its new entry
     * counts from 0.
     */
    void finish(long cookie, long upNow, long downNow, List<SocketCount> out) {
        int i = slot(cookie);
        if (cookies[i] == 0) {
            return;
        }
        long du = upNow - up[i];
        long dd = downNow - down[i];
        if (du != 0 || dd != 0) {
            out.add(new SocketCount(cookie, du, dd));
        }
        remove(i);
    }

    /** Forgets a socket whose entry is gone without a final read. */
    void forget(long cookie) {
        int i = slot(cookie);
        if (cookies[i] != 0) {
            remove(i);
        }
    }

    /** The slot holding {@code cookie}, or the empty slot where it would go. */
    private int slot(long cookie) {
        int mask = cookies.length - 1;
        int i = Long.hashCode(cookie * 0x9E3779B97F4A7C15L) & mask;
        while (cookies[i] != 0 && cookies[i] != cookie) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Empties slot {@code i} and moves later entries of its probe run back, so that lookups still find them. */
    private void remove(int i) {
        int mask = cookies.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (cookies[j] == 0) {
                break;
            }
            int home = Long.hashCode(cookies[j] * 0x9E3779B97F4A7C15L) & mask;
            // move j into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                cookies[hole] = cookies[j];
                up[hole] = up[j];
                down[hole] = down[j];
                changed[hole] = changed[j];
                hole = j;
            }
        }
        cookies[hole] = 0;
        size--;
    }

    private void grow() {
        long[] oldCookies = cookies;
        long[] oldUp = up;
        long[] oldDown = down;
        int[] oldChanged = changed;
        int n = oldCookies.length * 2;
        cookies = new long[n];
        up = new long[n];
        down = new long[n];
        changed = new int[n];
        for (int k = 0; k < oldCookies.length; k++) {
            if (oldCookies[k] != 0) {
                int i = slot(oldCookies[k]);
                cookies[i] = oldCookies[k];
                up[i] = oldUp[k];
                down[i] = oldDown[k];
                changed[i] = oldChanged[k];
            }
        }
    }
}
