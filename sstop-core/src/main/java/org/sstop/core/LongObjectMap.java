package org.sstop.core;

import java.util.Arrays;

/**
 * An open-addressing map from non-zero {@code long} keys to objects. Exists so that the per-tick
 * lookup of every socket by its cookie allocates nothing (no boxed keys, no entry nodes).
 *
 * @param <V> value type
 */
final class LongObjectMap<V> {

    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    LongObjectMap() {
        this(64);
    }

    LongObjectMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == 0) {
            return null;
        }
        for (int i = home(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    /** Puts a value; key 0 is reserved as the empty marker. */
    void put(long key, V value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        int i = home(key);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes a key (backward-shift deletion keeps probe chains intact without tombstones). */
    void remove(long key) {
        if (key == 0) {
            return;
        }
        int gap = home(key);
        while (keys[gap] != key) {
            if (keys[gap] == 0) {
                return;
            }
            gap = (gap + 1) & mask;
        }
        size--;
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == 0) {
                break;
            }
            int h = home(k);
            boolean movable = j > gap ? (h <= gap || h > j) : (h <= gap && h > j);
            if (movable) {
                keys[gap] = k;
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        values[gap] = null;
    }

    void clear() {
        Arrays.fill(keys, 0);
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], (V) oldValues[i]);
            }
        }
    }
}
