package org.sstop.api;

/** Transport protocol of a socket or flow. */
public enum Protocol {
    /** TCP. */
    TCP,
    /** UDP (including QUIC, which runs over UDP). */
    UDP;

    /** Lower-case name as used in JSON and CSV output ({@code "tcp"}, {@code "udp"}). */
    public String label() {
        return this == TCP ? "tcp" : "udp";
    }
}
