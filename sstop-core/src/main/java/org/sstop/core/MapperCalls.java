package org.sstop.core;

import java.util.Optional;
import org.sstop.api.ContainerInfo;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.SocketInfo;

/**
 * The {@link ProcessTable}'s calls on a process mapper, which may be a third party's plugin: an
 * exception or a null answer means "not known" (logged at DEBUG), never a failed sample.
 */
final class MapperCalls {

    private static final System.Logger LOG = System.getLogger(MapperCalls.class.getName());

    private MapperCalls() {
    }

    /** The process's description, its texts bounded, or empty. */
    static Optional<ProcessInfo> describe(ProcessMapper mapper, int pid) {
        try {
            Optional<ProcessInfo> info = mapper.describe(pid);
            return info == null ? Optional.empty() : info.map(ProcessText::bounded);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "describe failed for pid " + pid, e);
            return Optional.empty();
        }
    }

    /** The mapper's name for a uid the counter recorded, else the uid in decimal ("" when unknown). */
    static String userName(ProcessMapper mapper, int uid) {
        if (uid == SocketInfo.UNKNOWN) {
            return "";
        }
        try {
            Optional<String> name = mapper == null ? null : mapper.userName(uid);
            return name == null || name.isEmpty() ? Integer.toString(uid) : name.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no name for uid " + uid, e);
            return Integer.toString(uid);
        }
    }

    /** The container of a cgroup the counter recorded, or null: unknown (0), no mapper, or it cannot tell. */
    static ContainerInfo containerOfCgroup(ProcessMapper mapper, long cgroupId) {
        if (mapper == null || cgroupId == 0) {
            return null;
        }
        try {
            Optional<ContainerInfo> c = mapper.containerOfCgroup(cgroupId);
            return c == null ? null : c.orElse(null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no container for cgroup " + cgroupId, e);
            return null;
        }
    }

    /** Whether the process still runs; true when the mapper cannot tell (it is not declared dead). */
    static boolean alive(ProcessMapper mapper, ProcessEntry e) {
        if (mapper == null) {
            return false;
        }
        try {
            return mapper.isAlive(e.pid, e.startTime());
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.DEBUG, "isAlive failed for pid " + e.pid, ex);
            return true; // unknown: do not declare it dead
        }
    }
}
