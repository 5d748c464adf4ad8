package org.sstop.core;

import java.time.Instant;
import org.sstop.api.ContainerInfo;
import java.util.List;

/**
 * One process (thread group) in a snapshot. Text fields are untrusted: sanitize before display.
 *
 * @param pid process id
 * @param ppid parent process id, 0 if unknown
 * @param name short name
 * @param cmdline command line, empty if unknown
 * @param user user name, empty if unknown
 * @param startTime the process's start-time token (see {@link org.sstop.api.ProcessInfo#startTime()})
 * @param state running or exited
 * @param exitedAt when it was seen gone, null while running
 * @param traffic rates and totals since the monitor started (they survive closed connections); the
 *     rates are the sum of its sockets' (including the fading rates of sockets it closed), and 0 once
 *     it exited
 * @param connections open sockets that are not listening
 * @param listening listening (or unconnected bound UDP) sockets
 * @param trend traffic trend
 * @param history per-second bytes over the last minute
 * @param sockets its open sockets, listening ones included (empty unless the monitor was built
 *     with {@link NetMonitor.Builder#socketDetail(boolean) socket detail})
 * @param netns the inode of its network namespace, 0 if unknown
 * @param container the container, service or session it runs in, or {@code null}
 */
public record ProcessStats(
        int pid,
        int ppid,
        String name,
        String cmdline,
        String user,
        long startTime,
        ProcessState state,
        Instant exitedAt,
        Traffic traffic,
        int connections,
        int listening,
        Trend trend,
        RateHistory history,
        List<SocketStats> sockets,
        long netns,
        ContainerInfo container) {

    /**
     * A process whose namespace and container are not known.
     *
     * @param pid process id
     * @param ppid parent process id
     * @param name short name
     * @param cmdline command line
     * @param user user name
     * @param startTime the pid-reuse token
     * @param state running or exited
     * @param exitedAt when it exited, or {@code null}
     * @param traffic rates and totals
     * @param connections open connections
     * @param listening listening sockets
     * @param trend its trend
     * @param history its per-second bytes
     * @param sockets its sockets
     */
    public ProcessStats(int pid, int ppid, String name, String cmdline, String user, long startTime, ProcessState state,
            Instant exitedAt, Traffic traffic, int connections, int listening, Trend trend, RateHistory history,
            List<SocketStats> sockets) {
        this(pid, ppid, name, cmdline, user, startTime, state, exitedAt, traffic, connections, listening, trend, history,
                sockets, 0, null);
    }

    /** Copies the list. */
    public ProcessStats {
        sockets = List.copyOf(sockets);
    }
}
