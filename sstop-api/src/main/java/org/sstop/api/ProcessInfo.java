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
        String cgroup) {
}
