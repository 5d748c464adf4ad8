package org.sstop.api;

import java.util.List;

/**
 * What one {@link TrafficCounter#drain()} returns: every count is transport payload moved since the
 * previous drain.
 *
 * @param processes per process that moved bytes (thread group), normally once each (a process
 *     listed twice, e.g. after a drain that failed half-way, has its counts added)
 * @param sockets per socket the counter could tell by its cookie (the same cookie a
 *     {@link SocketSource} reports); sockets without a cookie are only in their process's counts
 * @param unplacedUpBytes bytes sent that the counter saw but could not charge to a process (its
 *     table was full, or no task was running); they are in no {@link ProcessCount}
 * @param unplacedDownBytes bytes received that the counter could not charge to a process
 * @param unplacedLoopbackUpBytes as {@code unplacedUpBytes}, sent to this host's own addresses
 *     (not in {@code unplacedUpBytes})
 * @param unplacedLoopbackDownBytes as {@code unplacedDownBytes}, received from this host's own
 *     addresses
 */
public record CounterSample(List<ProcessCount> processes, List<SocketCount> sockets, long unplacedUpBytes,
        long unplacedDownBytes, long unplacedLoopbackUpBytes, long unplacedLoopbackDownBytes) {

    /**
     * A sample whose unplaced bytes are all network traffic.
     *
     * @param processes per process
     * @param sockets per socket
     * @param unplacedUpBytes bytes sent that no process could be charged for
     * @param unplacedDownBytes bytes received that no process could be charged for
     */
    public CounterSample(List<ProcessCount> processes, List<SocketCount> sockets, long unplacedUpBytes,
            long unplacedDownBytes) {
        this(processes, sockets, unplacedUpBytes, unplacedDownBytes, 0, 0);
    }

    /** Copies the lists. */
    public CounterSample {
        processes = List.copyOf(processes);
        sockets = List.copyOf(sockets);
    }

    /**
     * One process's bytes, and who it is, as the kernel knew it when it first counted it.
     *
     * @param pid the thread group id
     * @param startTime its start time in clock ticks since boot, as {@link ProcessInfo#startTime()}
     *     on Linux: with the pid, the process's identity
     * @param ppid its parent's pid when first counted, 0 if unknown
     * @param uid its real user id, or {@link SocketInfo#UNKNOWN}
     * @param name its short name ({@code comm}) when first counted; untrusted
     * @param upBytes payload sent to other hosts (and other network namespaces)
     * @param downBytes payload received from them
     * @param loopbackUpBytes payload sent to this host's own addresses (loopback)
     * @param loopbackDownBytes payload received from them
     * @param cgroupId the id of its cgroup (cgroup v2: the inode of the cgroup's directory) when
     *     first counted, 0 if unknown: for a process that exited before it could be described,
     *     what finds its container ({@link ProcessMapper#containerOfCgroup})
     */
    public record ProcessCount(int pid, long startTime, int ppid, int uid, String name, long upBytes, long downBytes,
            long loopbackUpBytes, long loopbackDownBytes, long cgroupId) {

        /** A count without a cgroup id (cgroup 0: unknown). */
        public ProcessCount(int pid, long startTime, int ppid, int uid, String name, long upBytes, long downBytes,
                long loopbackUpBytes, long loopbackDownBytes) {
            this(pid, startTime, ppid, uid, name, upBytes, downBytes, loopbackUpBytes, loopbackDownBytes, 0);
        }
    }

    /**
     * One socket's bytes, and which process moved them.
     *
     * @param cookie the socket's cookie
     * @param upBytes payload sent
     * @param downBytes payload received
     * @param moverPid the process (thread group id) that last moved bytes on the socket, 0 if the
     *     counter does not tell: a socket shared after a fork is used by a process other than
     *     the one a socket-to-process mapping names, and the mover's rate is the one that holds
     *     the socket's
     */
    public record SocketCount(long cookie, long upBytes, long downBytes, int moverPid) {

        /** A count that does not say which process moved the bytes. */
        public SocketCount(long cookie, long upBytes, long downBytes) {
            this(cookie, upBytes, downBytes, 0);
        }
    }
}
