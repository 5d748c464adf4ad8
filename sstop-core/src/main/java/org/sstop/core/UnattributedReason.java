package org.sstop.core;

import java.util.Locale;

/**
 * Why traffic could not be charged to a process. Traffic whose bytes could not be counted at all
 * (sockets without counters, lost close notifications, dropped packets) has no bytes to charge:
 * {@link Visibility} reports it.
 */
public enum UnattributedReason {
    /** No process owns the socket (kernel socket, another network namespace, already orphaned). */
    NO_PROCESS,
    /** The owning process exited before it could be identified. */
    PROCESS_EXITED,
    /** The owner could not be read without more privileges. */
    NO_PERMISSION,
    /** The connection opened and closed between two samples, before its owner could be seen. */
    SHORT_LIVED,
    /** Packets seen by the flow counter that match no socket. */
    NO_SOCKET,
    /** Bytes the kernel's traffic counter saw but could not place on a process (its table was full). */
    UNPLACED;

    /** The stable lower-case name, as in the JSON output ({@code no_process}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
