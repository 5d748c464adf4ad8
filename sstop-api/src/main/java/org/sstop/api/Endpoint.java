package org.sstop.api;

/**
 * An IP address and port.
 *
 * @param address the address (wildcard for an unbound or unconnected side)
 * @param port the port, 0 to 65535 (0 for none)
 */
public record Endpoint(IpAddress address, int port) {

    /** Validates the port range. */
    public Endpoint {
        if (address == null) {
            throw new NullPointerException("address");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Whether both address and port are wildcards (an unconnected socket's remote side). */
    public boolean isAny() {
        return port == 0 && address.isAny();
    }

    /** Equal address and port. (Written out: a record's generated one spins method handles on first use, at start.) */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Endpoint e && e.port == port && e.address.equals(address);
    }

    /** From the address and port. */
    @Override
    public int hashCode() {
        return 31 * address.hashCode() + port;
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port}. */
    @Override
    public String toString() {
        return address.isV4() ? address + ":" + port : "[" + address + "]:" + port;
    }
}
