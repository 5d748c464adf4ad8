package org.sstop.core;

/**
 * One network interface. Its bytes include protocol headers, as the kernel counts them.
 *
 * @param name interface name (untrusted)
 * @param traffic rates and totals (upload = transmitted)
 * @param loopback whether it is a loopback interface
 * @param up whether it is up
 * @param netns the inode of its network namespace, 0 for the monitor's own; interfaces of other
 *     namespaces are listed after the monitor's own and are not part of the system's totals
 */
public record InterfaceStats(String name, Traffic traffic, boolean loopback, boolean up, long netns) {

    /** An interface of the monitor's own network namespace. */
    public InterfaceStats(String name, Traffic traffic, boolean loopback, boolean up) {
        this(name, traffic, loopback, up, 0);
    }
}
