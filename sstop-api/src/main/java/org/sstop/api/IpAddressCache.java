package org.sstop.api;

/**
 * The addresses a parser made last, so that equal addresses share one instance: a socket table
 * names the same few addresses (the host's own, its busiest peers) thousands of times, and the
 * engine keeps each socket's endpoints from one listing to the next. Direct-mapped and bounded:
 * an address whose slot another took is simply made again. Not thread-safe: one per parser,
 * used by the thread that parses.
 */
public final class IpAddressCache {

    private final IpAddress[] slots;

    /**
     * A cache of a number of slots.
     *
     * @param size the number of slots, a power of two (256 is plenty for a host's own addresses and its busiest peers)
     * @throws IllegalArgumentException when {@code size} is not a positive power of two
     */
    public IpAddressCache(int size) {
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a positive power of two, not " + size);
        }
        slots = new IpAddress[size];
    }

    /**
     * As {@link IpAddress#ofV4}.
     *
     * @param address the address as an int in network order
     * @return an equal address, the same instance as the last time it was asked for if still cached
     */
    public IpAddress ofV4(int address) {
        return of(0, IpAddress.ofV4Low(address));
    }

    /**
     * As {@code new IpAddress(high, low)}.
     *
     * @param high the high 64 bits
     * @param low the low 64 bits
     * @return an equal address, the same instance as the last time it was asked for if still cached
     */
    public IpAddress of(long high, long low) {
        int slot = (int) ((high * 0x9E3779B97F4A7C15L + low) * 0xC2B2AE3D27D4EB4FL >>> 40) & (slots.length - 1);
        IpAddress cached = slots[slot];
        if (cached != null && cached.high() == high && cached.low() == low) {
            return cached;
        }
        IpAddress made = new IpAddress(high, low);
        slots[slot] = made;
        return made;
    }
}
