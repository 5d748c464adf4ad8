package org.sstop.core;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.sstop.api.IpAddress;

/**
 * This host's own addresses, so that a wildcard-bound UDP socket only claims packets addressed
 * to the host (forwarded traffic on a router is nobody's here). Re-read at most once a second,
 * and only when an address is not found.
 */
final class LocalAddresses {

    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final System.Logger LOG = System.getLogger(LocalAddresses.class.getName());

    private final Supplier<Set<IpAddress>> reader;
    private final LongSupplier nanoClock;
    private Set<IpAddress> addresses = Set.of();
    private long readAt;
    private boolean read;

    LocalAddresses(Supplier<Set<IpAddress>> reader, LongSupplier nanoClock) {
        this.reader = reader;
        this.nanoClock = nanoClock;
    }

    /** Whether {@code address} belongs to this host (loopback addresses always do). */
    boolean contains(IpAddress address) {
        if (address.isLoopback() || addresses.contains(address)) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (!read || now - readAt >= REFRESH_NANOS) {
            read = true;
            readAt = now;
            try {
                addresses = Set.copyOf(reader.get());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot list local addresses", e);
            }
            return addresses.contains(address);
        }
        return false;
    }

    /** The addresses of the JVM's network interfaces (in its network namespace). */
    static Set<IpAddress> fromInterfaces() {
        Set<IpAddress> out = new HashSet<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                Enumeration<InetAddress> a = all.nextElement().getInetAddresses();
                while (a.hasMoreElements()) {
                    out.add(IpAddress.of(a.nextElement()));
                }
            }
        } catch (SocketException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list network interfaces", e);
        }
        return out;
    }
}
