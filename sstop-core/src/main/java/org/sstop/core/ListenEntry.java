package org.sstop.core;

import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;

/**
 * A listening TCP socket or a bound, unconnected UDP socket.
 *
 * @param protocol TCP or UDP
 * @param local the bound address and port
 * @param pid owning process, or -1 if unknown
 * @param name the process's name, empty if unknown
 * @param cmdline the process's command line, empty if unknown
 * @param netns the socket's network namespace when it is not the monitor's own (the inode of
 *     {@code /proc/<pid>/ns/net}), else 0
 */
public record ListenEntry(Protocol protocol, Endpoint local, int pid, String name, String cmdline, long netns) {

    /** A socket of the monitor's own network namespace. */
    public ListenEntry(Protocol protocol, Endpoint local, int pid, String name, String cmdline) {
        this(protocol, local, pid, name, cmdline, 0);
    }
}
