package org.sstop.api;

import java.util.List;

/**
 * What every opened backend service has in common.
 *
 * <p><b>Threading.</b> A monitor calls each backend it opened from one thread at a time: the
 * sampling calls ({@code sample}, {@code owners}, {@code describe}, {@code isAlive}, {@code read},
 * {@code drain}, {@code countOnly}) are serialized, though not always made by the same thread (a
 * monitor sampled by its embedder runs them on the caller's thread). A backend therefore needs
 * no locking of its own for them, but must not tie state to a thread. {@link #limitations()} may
 * be called from any thread at any time and must be cheap. {@link #close()} is called once, after
 * the last sampling call has returned, possibly from another thread. A backend may run threads of
 * its own (a capture thread, a command runner); they must be named, and {@code close()} stops
 * them and releases every native and kernel object. Several monitors may run in one JVM, each
 * with backends of its own: a backend keeps no global mutable state.
 */
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
