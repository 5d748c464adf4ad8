package org.sstop.api;

/**
 * Cumulative counters of one network interface. Unlike every other byte count in sstop, these
 * include protocol headers, as the kernel counts them.
 *
 * @param name interface name (untrusted text)
 * @param rxBytes bytes received, headers included
 * @param txBytes bytes transmitted, headers included
 * @param rxPackets packets received
 * @param txPackets packets transmitted
 * @param loopback whether this is a loopback interface
 * @param up whether the interface is up, as far as the source knows (true when unknown)
 * @param netns the inode of the network namespace the interface lives in, 0 for the monitor's own
 *     (an interface of another namespace is listed with it, and never counted in the system's
 *     totals: its traffic also crosses an interface of the monitor's namespace)
 */
public record InterfaceCounters(String name, long rxBytes, long txBytes, long rxPackets, long txPackets,
        boolean loopback, boolean up, long netns) {

    /** An interface of the monitor's own network namespace. */
    public InterfaceCounters(
            String name, long rxBytes, long txBytes, long rxPackets, long txPackets, boolean loopback, boolean up) {
        this(name, rxBytes, txBytes, rxPackets, txPackets, loopback, up, 0);
    }

    /** Whether the interface lives in another network namespace than the monitor's. */
    public boolean inOtherNamespace() {
        return netns != 0;
    }
}
