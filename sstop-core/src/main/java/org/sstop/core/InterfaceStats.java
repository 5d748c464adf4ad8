package org.sstop.core;

/**
 * One network interface. Its bytes include protocol headers, as the kernel counts them.
 *
 * @param name interface name (untrusted)
 * @param traffic rates and totals (upload = transmitted)
 * @param loopback whether it is a loopback interface
 * @param up whether it is up
 */
public record InterfaceStats(String name, Traffic traffic, boolean loopback, boolean up) {
}
