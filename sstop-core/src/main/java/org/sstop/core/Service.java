package org.sstop.core;

import java.util.Locale;

/** The backend services a monitor uses; only {@link #SOCKETS} is required. */
public enum Service {
    /** Lists sockets ({@link org.sstop.api.SocketSource}). */
    SOCKETS,
    /** Maps sockets to processes ({@link org.sstop.api.ProcessMapper}). */
    PROCESSES,
    /** Reads interface counters ({@link org.sstop.api.InterfaceSource}). */
    INTERFACES,
    /** Counts bytes per flow from packets ({@link org.sstop.api.FlowCounter}). */
    FLOWS,
    /** Counts bytes per process and socket in the kernel ({@link org.sstop.api.TrafficCounter}). */
    COUNTERS;

    /** The service's name in reports and output: {@code sockets}, {@code processes}, {@code interfaces}, {@code flows}, {@code counters}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
