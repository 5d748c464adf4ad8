package org.sstop.linux.procfs;

import java.util.Arrays;

/**
 * An immutable set of this host's addresses, looked up without allocation on the capture path.
 * Addresses are held as the two longs of {@link org.sstop.api.IpAddress} (IPv4 v4-mapped).
 * Loopback addresses ({@code 127/8}, {@code ::1}) are always local.
 *
 * <p>Public only for sstop-bench's {@code PacketParseBenchmark}, which drives the per-frame path
 * directly; not an API: only what that benchmark calls is public.
 */
public final class LocalAddresses {

    private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;
    private static final LocalAddresses EMPTY = new LocalAddresses(new long[0], 0);

    private final long[] slots; // pairs (high, low); an all-ones pair marks an empty slot
    private final int mask;
    private final int size;

    private LocalAddresses(long[] pairs, int count) {
        int cap = Integer.highestOneBit(Math.max(4, count * 2) - 1) << 1;
        slots = new long[cap * 2];
        Arrays.fill(slots, -1L);
        mask = cap - 1;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (insert(pairs[2 * i], pairs[2 * i + 1])) {
                n++;
            }
        }
        size = n;
    }

    /** The set holding only the implicit loopback addresses. */
    static LocalAddresses empty() {
        return EMPTY;
    }

    /**
     * A set of the given addresses.
     *
     * @param pairs (high, low) pairs as in {@link org.sstop.api.IpAddress}
     * @param count how many pairs of {@code pairs} are valid
     * @return the set
     */
    public static LocalAddresses of(long[] pairs, int count) {
        return new LocalAddresses(pairs, count);
    }

    private boolean insert(long high, long low) {
        int i = index(high, low);
        while (true) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == -1L && l == -1L) {
                slots[2 * i] = high;
                slots[2 * i + 1] = low;
                return true;
            }
            if (h == high && l == low) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private int index(long high, long low) {
        long x = (high * 0x9E37_79B9_7F4A_7C15L) ^ (low * 0xC2B2_AE3D_27D4_EB4FL);
        return (int) (x ^ (x >>> 31)) & mask;
    }

    /** Whether the address is one of this host's (or loopback). */
    boolean contains(long high, long low) {
        if (high == 0 && (low == 1 || (low >>> 32 == 0xffffL && (int) (low >>> 24 & 0xff) == 127))) {
            return true;
        }
        if (high == -1L && low == -1L) {
            return false;
        }
        int i = index(high, low);
        while (true) {
            long h = slots[2 * i];
            long l = slots[2 * i + 1];
            if (h == high && l == low) {
                return true;
            }
            if (h == -1L && l == -1L) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** How many explicit addresses the set holds. */
    int size() {
        return size;
    }

    /** The v4-mapped low word of an IPv4 address given in network order. */
    static long v4Low(int address) {
        return V4_MAPPED | (address & 0xffff_ffffL);
    }
}
