package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this process may read every user's {@code /proc/<pid>/fd}, from its own effective
 * capabilities: without CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH other users' sockets cannot be
 * mapped, and the mapper says so in its limitations.
 */
final class CapabilityCheck {

    private static final int STATUS_MAX = 16 * 1024;

    private CapabilityCheck() {
    }

    /**
     * What the mapper cannot see, read once from {@code <procRoot>/self/status}.
     *
     * @param procRoot the proc file system root
     * @return the limitations, empty when every user's sockets can be mapped
     */
    static List<String> limitations(Path procRoot) {
        Path status = procRoot.resolve("self/status");
        long caps;
        try {
            caps = ProcStatus.effectiveCapabilities(ProcFiles.readText(status, STATUS_MAX));
        } catch (IOException | SecurityException e) {
            return List.of("cannot read own capabilities from " + status
                    + ": other users' sockets may not be mapped to processes");
        }
        if (ProcStatus.canReadAllFds(caps)) {
            return List.of();
        }
        return List.of("not root: other users' sockets cannot be mapped to processes (their traffic is"
                + " unattributed); for full visibility run as root or grant"
                + " cap_sys_ptrace,cap_dac_read_search (e.g. setcap on the java binary)");
    }
}
