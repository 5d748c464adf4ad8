package org.sstop.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address held in two longs, so that it is cheap to create, compare and hash.
 *
 * <p>IPv4 addresses are stored in their IPv4-mapped form ({@code ::ffff:a.b.c.d}), so an IPv4
 * socket and an IPv6 socket bound to the v4-mapped address (as Java's sockets are) have the same
 * identity. {@link #toString()} prints such addresses in dotted IPv4 form.
 *
 * @param high the first 64 bits of the IPv6 (or v4-mapped) address, network order
 * @param low the last 64 bits
 */
public record IpAddress(long high, long low) {

    private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    /** The IPv4 wildcard address {@code 0.0.0.0}. */
    public static final IpAddress ANY_V4 = ofV4(0);
    /** The IPv6 wildcard address {@code ::}. */
    public static final IpAddress ANY_V6 = new IpAddress(0, 0);

    /**
     * An IPv4 address.
     *
     * @param address the address as an int in network order (the first octet in the high byte)
     * @return the v4-mapped address
     */
    public static IpAddress ofV4(int address) {
        return new IpAddress(0, ofV4Low(address));
    }

    /** The low 64 bits of the v4-mapped address (the high ones are 0). */
    static long ofV4Low(int address) {
        return V4_MAPPED_PREFIX | (address & 0xffff_ffffL);
    }

    /**
     * An address from its raw bytes.
     *
     * @param bytes 4 (IPv4) or 16 (IPv6) bytes in network order
     * @return the address
     * @throws IllegalArgumentException for any other length
     */
    public static IpAddress of(byte[] bytes) {
        if (bytes.length == 4) {
            return ofV4(((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
        }
        if (bytes.length == 16) {
            long h = 0;
            long l = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (bytes[i] & 0xff);
                l = (l << 8) | (bytes[i + 8] & 0xff);
            }
            return new IpAddress(h, l);
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    /**
     * The address of a JDK {@link InetAddress}.
     *
     * @param address an IPv4 or IPv6 address
     * @return the same address
     */
    public static IpAddress of(InetAddress address) {
        return of(address.getAddress());
    }

    /**
     * Parses a numeric IPv4 or IPv6 literal, strictly and without ever looking up a name: no
     * resolver, no {@link InetAddress} lookup, whatever the text. Accepted: dotted-quad IPv4
     * ({@code 10.0.0.1}; parts 0 to 255 without leading zeros, signs or hex), IPv6 in RFC 4291
     * text form with at most one {@code ::} and an optional dotted-quad last 32 bits
     * ({@code ::ffff:10.0.0.1}), optionally in {@code [...]} and with a {@code %zone} suffix,
     * which is dropped. Nothing else: no white space, no names, no other digits than ASCII, at
     * most 64 characters.
     *
     * @param literal e.g. {@code 10.0.0.1}, {@code ::1}, {@code [fe80::1%eth0]}
     * @return the address
     * @throws IllegalArgumentException when the text is not such a literal
     */
    public static IpAddress parse(String literal) {
        return IpLiteralParser.parse(literal);
    }

    /** Whether this is an IPv4 address (stored v4-mapped). */
    public boolean isV4() {
        return high == 0 && (low & 0xffff_ffff_0000_0000L) == V4_MAPPED_PREFIX;
    }

    /** The IPv4 address as an int in network order; only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) low;
    }

    /** Whether this is a wildcard address ({@code 0.0.0.0} or {@code ::}). */
    public boolean isAny() {
        return (high == 0 && low == 0) || (isV4() && v4() == 0);
    }

    /** Whether this is a loopback address ({@code 127.0.0.0/8} or {@code ::1}). */
    public boolean isLoopback() {
        return isV4() ? (v4() >>> 24) == 127 : high == 0 && low == 1;
    }

    /** The address as 4 (IPv4) or 16 (IPv6) bytes in network order. */
    public byte[] toBytes() {
        if (isV4()) {
            int a = v4();
            return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    /** The address as a JDK {@link InetAddress} ({@link Inet4Address} or {@link Inet6Address}); no lookup. */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always valid", e);
        }
    }

    /** Equal 128 bits. (Written out: a record's generated one spins method handles on first use, at start.) */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof IpAddress a && a.high == high && a.low == low;
    }

    /** From the 128 bits. */
    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    /** Dotted IPv4, or RFC 5952 IPv6 text (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (isV4()) {
            int a = v4();
            return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
