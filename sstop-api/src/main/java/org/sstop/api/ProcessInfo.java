package org.sstop.api;

import java.time.Instant;

/**
 * A process as a {@link ProcessMapper} describes it. Text fields come from the process itself and
 * are untrusted: display code must sanitize them.
 *
 * @param pid process id (thread group id)
 * @param ppid parent process id, 0 if unknown
 * @param name short name (Linux: {@code comm})
 * @param cmdline command line, arguments joined by spaces; empty if unavailable (kernel threads,
 *     no permission)
 * @param uid real user id, or {@link SocketInfo#UNKNOWN}
 * @param user user name, or the uid as text when it has no name
 * @param startTime an opaque token that changes when the pid is reused (Linux: start time in
 *     clock ticks since boot); compare it to tell a process from its pid's next owner
 * @param started wall-clock start time, or {@code null} if unknown
 * @param cgroup the process's cgroup path, empty if unknown
 * @param netns the inode of its network namespace ({@code /proc/<pid>/ns/net}), 0 if unknown
 * @param container the container, service or session it runs in, or {@code null} when its cgroup
 *     tells none (or is not known)
 */
public record ProcessInfo(
        int pid,
        int ppid,
        String name,
        String cmdline,
        int uid,
        String user,
        long startTime,
        Instant started,
        String cgroup,
        long netns,
        ContainerInfo container) {

    /**
     * A process whose network namespace and container are not known.
     *
     * @param pid process id
     * @param ppid parent process id
     * @param name short name
     * @param cmdline command line
     * @param uid real user id
     * @param user user name
     * @param startTime the pid-reuse token
     * @param started wall-clock start time, or {@code null}
     * @param cgroup the cgroup path, empty if unknown
     */
    public ProcessInfo(int pid, int ppid, String name, String cmdline, int uid, String user, long startTime,
            Instant started, String cgroup) {
        this(pid, ppid, name, cmdline, uid, user, startTime, started, cgroup, 0, null);
    }
}
