package org.sstop.linux.procfs;

import java.util.Arrays;

/**
 * An open-addressing hash map from positive long keys to long values, so the mapper's per-socket
 * lookups box nothing. Linear probing with backward-shift deletion (no tombstones). Not
 * thread-safe.
 */
final class LongLongMap {

    /** Returned by {@link #get} for an absent key. */
    static final long MISSING = Long.MIN_VALUE;

    private static final long EMPTY = 0;

    private long[] keys;
    private long[] values;
    private int size;
    private int mask;

    LongLongMap() {
        this(64);
    }

    LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    long get(long key) {
        int i = slot(key);
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return MISSING;
            }
            i = (i + 1) & mask;
        }
    }

    /** Puts a value; keys must be positive. */
    void put(long key, long value) {
        if (key <= 0) {
            throw new IllegalArgumentException("key must be positive: " + key);
        }
        int i = slot(key);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes a key; returns its value or {@link #MISSING}. */
    long remove(long key) {
        int i = slot(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) {
                return MISSING;
            }
            i = (i + 1) & mask;
        }
        long old = values[i];
        // Backward shift: move later entries of the probe run into the hole.
        int hole = i;
        int j = (i + 1) & mask;
        while (keys[j] != EMPTY) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        keys[hole] = EMPTY;
        values[hole] = 0;
        size--;
        return old;
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** Calls {@code action} for every entry; it must not modify this map. */
    void forEach(LongLongConsumer action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    /** Removes every entry whose value satisfies the predicate. */
    void removeIfValue(java.util.function.LongPredicate predicate) {
        for (int i = 0; i < keys.length; ) {
            if (keys[i] != EMPTY && predicate.test(values[i])) {
                remove(keys[i]); // may shift a later entry into slot i: look at it again
            } else {
                i++;
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** An entry visitor. */
    @FunctionalInterface
    interface LongLongConsumer {
        void accept(long key, long value);
    }
}
