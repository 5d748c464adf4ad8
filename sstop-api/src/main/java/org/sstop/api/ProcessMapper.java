package org.sstop.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Maps sockets to the processes that own them, and describes processes.
 *
 * <p>Threading: see {@link Backend}.
 */
public interface ProcessMapper extends Backend {

    /**
     * Finds the owning processes of sockets the engine has not mapped yet. The engine passes only
     * open sockets with an {@link SocketInfo#ownerKey() owner key} and without an owner named by
     * their source, and asks again about a socket not found, with back-off. Implementations cache
     * and rescan incrementally: a call about sockets of processes already known must not scan
     * every process.
     *
     * @param unmapped the sockets to map
     * @return the owner's pid for each socket of {@code unmapped}, in the same order; 0 where none
     *     was found. An array of another length is a backend bug: the engine then maps none of them.
     * @throws IOException on failure
     */
    int[] owners(List<SocketInfo> unmapped) throws IOException;

    /**
     * Describes a process.
     *
     * @param pid the process id
     * @return its description, or empty if it no longer exists or cannot be read
     */
    Optional<ProcessInfo> describe(int pid);

    /**
     * Whether the process still exists and is the same one (same start time token).
     *
     * @param pid the process id
     * @param startTime the {@link ProcessInfo#startTime()} seen before
     * @return true if that very process is still alive
     */
    boolean isAlive(int pid, long startTime);

    /**
     * The container, service or session of a cgroup, for a process a kernel counter saw (see
     * {@link CounterSample.ProcessCount#cgroupId()}) but that exited before it could be
     * described. Called by the engine once per such process.
     *
     * @param cgroupId a cgroup v2 id (the inode of the cgroup's directory), not 0
     * @return what {@link ProcessInfo#container()} would say of a process in that cgroup; empty when
     *     the cgroup is gone or unknown, or the mapper cannot tell (the default)
     */
    default Optional<ContainerInfo> containerOfCgroup(long cgroupId) {
        return Optional.empty();
    }

    /**
     * The name of a user, for a process a kernel counter saw (see
     * {@link CounterSample.ProcessCount#uid()}) but that exited before it could be described.
     *
     * @param uid a user id, not {@link SocketInfo#UNKNOWN}
     * @return what {@link ProcessInfo#user()} would say of a process of that uid; empty when the
     *     mapper cannot tell (the default: the engine then shows the uid in decimal)
     */
    default Optional<String> userName(int uid) {
        return Optional.empty();
    }
}
