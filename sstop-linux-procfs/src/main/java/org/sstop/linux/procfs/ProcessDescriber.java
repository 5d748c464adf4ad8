package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.sstop.api.ContainerInfo;
import org.sstop.api.ProcessInfo;

/**
 * Describes a process from {@code /proc/<pid>/{stat,status,cmdline,cgroup,ns/net}}, the passwd
 * file and the container runtimes' files, and tells whether a process (pid and start time) is
 * still alive. Every file is read bounded; a missing optional file leaves its field empty (or 0,
 * or null). Not thread-safe: its stat buffer is reused and its name cache changed; the mapper
 * calls it under its lock.
 */
final class ProcessDescriber {

    /** Linux's clock tick when sysconf cannot be asked. */
    private static final long DEFAULT_CLK_TCK = 100;

    private static final int STAT_MAX = 4096;
    private static final int STATUS_MAX = 16 * 1024;
    private static final int CGROUP_MAX = 16 * 1024;
    private static final int PROC_STAT_MAX = 1024 * 1024;

    private final Path procRoot;
    private final UserNames users;
    private final ContainerNames containerNames;
    private final long clockTicks = clockTicks();
    private final byte[] statBuf = new byte[STAT_MAX];
    private long bootTime = -1;

    /**
     * @param procRoot the proc file system root
     * @param passwdFile the passwd file naming users
     * @param containerNames names containers
     */
    ProcessDescriber(Path procRoot, Path passwdFile, ContainerNames containerNames) {
        this.procRoot = procRoot;
        this.users = new UserNames(passwdFile);
        this.containerNames = containerNames;
    }

    /** @see org.sstop.api.ProcessMapper#describe */
    Optional<ProcessInfo> describe(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Path dir = procRoot.resolve(Integer.toString(pid));
        Optional<ProcStat> stat;
        try {
            byte[] bytes = ProcFiles.readBytes(dir.resolve("stat"), STAT_MAX);
            stat = ProcStat.parse(bytes, bytes.length);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        if (stat.isEmpty() || stat.get().pid() != pid) {
            return Optional.empty();
        }
        ProcStat st = stat.get();
        int uid = ProcStatus.UNKNOWN;
        try {
            uid = ProcStatus.realUid(ProcFiles.readText(dir.resolve("status"), STATUS_MAX));
        } catch (IOException | SecurityException e) {
            // keep unknown
        }
        String cmdline = "";
        try {
            byte[] bytes = ProcFiles.readBytes(dir.resolve("cmdline"), ProcText.MAX_CMDLINE_BYTES);
            cmdline = ProcText.cmdline(bytes, bytes.length);
        } catch (IOException | SecurityException e) {
            // hidepid or exited: keep empty
        }
        String cgroup = "";
        ContainerInfo container = null;
        try {
            // Whole lines only: a path cut short could name a parent unit as if it were the process's.
            String text = ProcFiles.readWholeLines(dir.resolve("cgroup"), CGROUP_MAX);
            cgroup = ProcText.cgroup(text);
            container = containerNames.named(CgroupClassifier.classify(text));
        } catch (IOException | SecurityException e) {
            // keep empty
        }
        return Optional.of(new ProcessInfo(pid, st.ppid(), st.comm(), cmdline, uid, users.name(uid),
                st.startTime(), started(st.startTime()), cgroup, netns(dir), container));
    }

    /** The inode of a process's network namespace, 0 when its link cannot be read (gone, no permission). */
    private static long netns(Path dir) {
        try {
            return ProcText.netnsInode(Files.readSymbolicLink(dir.resolve("ns/net")).toString());
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** The name {@link #describe} gives a process of this uid. */
    String userName(int uid) {
        return users.name(uid);
    }

    /** A zombie counts as exited. One read of {@code /proc/<pid>/stat}, no allocation but the path. */
    boolean isAlive(int pid, long startTime) {
        if (pid <= 0) {
            return false;
        }
        try {
            int n = ProcFiles.read(procRoot.resolve(Integer.toString(pid)).resolve("stat"), statBuf);
            char state = ProcStat.parseState(statBuf, n);
            // A zombie (Z) or dead (X) process has exited; only its parent has not reaped it yet.
            return state != 'Z' && state != 'X' && ProcStat.parseStartTime(statBuf, n) == startTime;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The wall-clock start of a process from its start in ticks since boot, or null when the boot time is unknown. */
    private Instant started(long startTicks) {
        if (bootTime < 0) {
            try {
                bootTime = ProcText.bootTime(ProcFiles.readText(procRoot.resolve("stat"), PROC_STAT_MAX));
            } catch (IOException | SecurityException e) {
                return null;
            }
            if (bootTime < 0) {
                return null;
            }
        }
        long seconds = startTicks / clockTicks;
        long nanos = (startTicks % clockTicks) * 1_000_000_000L / clockTicks;
        return Instant.ofEpochSecond(bootTime + seconds, nanos);
    }

    private static long clockTicks() {
        if (Libc.loadError() == null) {
            long ticks = Libc.sysconf(Libc.SC_CLK_TCK);
            if (ticks > 0) {
                return ticks;
            }
        }
        return DEFAULT_CLK_TCK;
    }
}
