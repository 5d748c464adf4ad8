package org.sstop.core;

/** Why traffic could not be charged to a process. */
public enum UnattributedReason {
    /** No process owns the socket (kernel socket, another network namespace, already orphaned). */
    NO_PROCESS,
    /** The owning process exited before it could be identified. */
    PROCESS_EXITED,
    /** The owner could not be read without more privileges. */
    NO_PERMISSION,
    /** The connection opened and closed between two samples, before its owner could be seen. */
    SHORT_LIVED,
    /** The socket source has no byte counters for it and no flow counter is running (e.g. UDP without CAP_NET_RAW). */
    NO_COUNTERS,
    /** Packets seen by the flow counter that match no socket. */
    NO_SOCKET,
    /** Close notifications were lost: the closed sockets' last bytes are missing from every count. */
    CLOSE_EVENTS_LOST,
    /** Packets the capture dropped: counted traffic is short by at least this much. */
    CAPTURE_DROPS;

    /** Lower-case name as used in JSON ({@code no_process}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
