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
 */
public record InterfaceCounters(
        String name, long rxBytes, long txBytes, long rxPackets, long txPackets, boolean loopback, boolean up) {
}
