package org.sstop.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps sockets to the processes that own them and describes processes. */
public interface ProcessMapper extends Backend {

    /**
     * Finds the owning process of sockets the engine has not mapped yet. Implementations cache
     * and rescan incrementally: a call with no unknown inodes must not scan every process.
     *
     * @param unmapped sockets with an inode whose owner the caller does not know
     * @return inode to pid for those found; inodes without a found owner are absent
     * @throws IOException on failure
     */
    Map<Long, Integer> owners(List<SocketInfo> unmapped) throws IOException;

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
}
