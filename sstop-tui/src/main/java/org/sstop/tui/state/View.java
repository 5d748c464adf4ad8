package org.sstop.tui.state;

/** The main views. */
public enum View {
    /** Processes and their traffic (default). */
    PROCESSES,
    /** One process: its sockets. */
    DETAIL,
    /** Traffic per remote host. */
    HOSTS,
    /** Listening sockets. */
    LISTEN,
    /** Processes rolled up by container, service or session. */
    GROUPS
}
