package org.sstop.core;

/**
 * Accounting closure: the payload sstop counted against what the network interfaces counted.
 * Interfaces count headers too, and see traffic no local socket has, so the figures can only be
 * compared with an estimate of the headers between them; the README says what the ratio can and
 * cannot tell.
 *
 * @param sample the last sample
 * @param total since the monitor started (interfaces: since the interface source was opened)
 */
public record Coverage(Closure sample, Closure total) {

    /** Nothing counted yet. */
    public static final Coverage NONE = new Coverage(Closure.NONE, Closure.NONE);

    /**
     * One period's figures.
     *
     * @param payloadBytes payload sstop counted leaving or entering the host (attributed and
     *     unattributed; loopback excluded), up plus down
     * @param interfaceBytes bytes the non-loopback interfaces received and transmitted, headers
     *     included; 0 when no interface source runs
     * @param estimatedHeaderBytes the part of {@code interfaceBytes} estimated to be link, IP and
     *     transport headers ({@value Coverage#HEADER_BYTES_PER_PACKET} bytes per packet the interfaces counted)
     * @param forwardedBytes payload seen passing through (neither end on this host) by the packet
     *     counter; interfaces count it, sockets never will; 0 without a packet counter
     */
    public record Closure(long payloadBytes, long interfaceBytes, long estimatedHeaderBytes, long forwardedBytes) {

        /** Nothing counted. */
        public static final Closure NONE = new Closure(0, 0, 0, 0);

        /**
         * Counted payload per byte of interface payload (interface bytes less estimated headers
         * and forwarded payload); NaN when the interfaces counted no payload. Near 1: everything
         * is accounted for; well below 1: traffic sstop does not see (other network namespaces,
         * raw sockets, dropped notifications); above 1: traffic counted on no interface here
         * (between namespaces over veth pairs counts on both ends), or a header estimate too high.
         */
        public double ratio() {
            long payload = interfaceBytes - estimatedHeaderBytes - forwardedBytes;
            return payload > 0 ? (double) payloadBytes / payload : Double.NaN;
        }
    }

    /** Header bytes assumed per packet an interface counted: Ethernet (14) + IPv4 (20) + TCP with timestamps (32). */
    public static final int HEADER_BYTES_PER_PACKET = 66;
}
