package org.sstop.core;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.sstop.api.IpAddress;

/**
 * This host's own addresses and the interface that holds each: so that a wildcard-bound UDP
 * socket only claims packets addressed to the host (forwarded traffic on a router is nobody's
 * here), and so that a socket's traffic can be placed on an interface ({@link #interfaceOf}).
 * Re-read at most once a second, and only when an address is not found. Bounded to
 * {@value #MAX_ADDRESSES} addresses. Confined to the sampling thread.
 */
final class LocalAddresses {

    /** Most addresses kept: a host with thousands of interfaces must not cost unbounded memory. */
    static final int MAX_ADDRESSES = 16_384;
    /** The loopback interface's name where the list names none. */
    static final String LOOPBACK = "lo";

    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final IpAddress LOOPBACK_V4 = IpAddress.parse("127.0.0.1");
    private static final System.Logger LOG = System.getLogger(LocalAddresses.class.getName());

    private final Supplier<Map<IpAddress, String>> reader;
    private final LongSupplier nanoClock;
    private Map<IpAddress, String> addresses = Map.of();
    private String loopback = LOOPBACK;
    private long readAt;
    private boolean read;

    /**
     * @param reader the host's addresses, each with its interface's name (the loopback interface's
     *     addresses included)
     * @param nanoClock the monotonic clock
     */
    LocalAddresses(Supplier<Map<IpAddress, String>> reader, LongSupplier nanoClock) {
        this.reader = reader;
        this.nanoClock = nanoClock;
    }

    /** Whether {@code address} belongs to this host (loopback addresses always do). */
    boolean contains(IpAddress address) {
        return address.isLoopback() || find(address) != null;
    }

    /**
     * The interface a socket's traffic crosses, as far as its local address tells: the loopback
     * interface for a peer on this host (whatever addresses it uses, the kernel carries it over
     * {@code lo}), else the interface that holds the local address. Null when that does not tell:
     * a wildcard local address (an unconnected UDP socket), an address no interface holds, or a
     * socket of another network namespace (whose interfaces are not these). A host that sends from
     * one interface's address out of another (policy routing) is the exception this cannot see.
     *
     * @param local the socket's local address
     * @param peerIsLocal whether its peer is on this host
     * @param netns its network namespace (0: sstop's own)
     */
    String interfaceOf(IpAddress local, boolean peerIsLocal, long netns) {
        if (netns != 0) {
            return null;
        }
        if (peerIsLocal || local.isLoopback()) {
            if (!read) {
                read(nanoClock.getAsLong()); // the list names the loopback interface
            }
            return loopback;
        }
        return local.isAny() ? null : find(local);
    }

    private String find(IpAddress address) {
        String name = addresses.get(address);
        if (name != null) {
            return name;
        }
        long now = nanoClock.getAsLong();
        if (!read || now - readAt >= REFRESH_NANOS) {
            read(now);
            return addresses.get(address);
        }
        return null;
    }

    private void read(long now) {
        read = true;
        readAt = now;
        try {
            addresses = Map.copyOf(reader.get());
            loopback = addresses.getOrDefault(LOOPBACK_V4, LOOPBACK);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list local addresses", e);
        }
    }

    /** The addresses of the JVM's network interfaces (in its network namespace), with their interface. */
    static Map<IpAddress, String> fromInterfaces() {
        Map<IpAddress, String> out = new HashMap<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements() && out.size() < MAX_ADDRESSES) {
                NetworkInterface i = all.nextElement();
                Enumeration<InetAddress> a = i.getInetAddresses();
                while (a.hasMoreElements() && out.size() < MAX_ADDRESSES) {
                    out.putIfAbsent(IpAddress.of(a.nextElement()), i.getName());
                }
            }
        } catch (SocketException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list network interfaces", e);
        }
        return out;
    }
}
