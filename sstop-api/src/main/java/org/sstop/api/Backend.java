package org.sstop.api;

import java.util.List;

/** What every opened backend service has in common. */
public interface Backend extends AutoCloseable {

    /**
     * What this backend cannot see with the privileges it runs with, and how to get full
     * visibility (e.g. "not root: other users' processes are not mapped; run as root or grant
     * CAP_SYS_PTRACE"). Empty when it sees everything.
     */
    default List<String> limitations() {
        return List.of();
    }

    /** Releases every resource (native buffers, sockets, threads). Idempotent. */
    @Override
    void close();
}
