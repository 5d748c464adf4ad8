package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sstop.api.ContainerInfo;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.SocketInfo;

/**
 * Maps socket inodes to processes through the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd}, and describes processes from {@code /proc/<pid>}: with their network
 * namespace, and the container, service or session their cgroup tells (containers named from
 * their runtimes' files).
 *
 * <p>Reading every fd link of every process costs tens of milliseconds, so the mapper keeps an
 * inode-to-pid cache and reads fd directories only for inodes it does not know, new processes
 * and known socket owners first, the other processes at most once per rescan interval, and
 * remembers for a while the inodes a complete rescan did not find; a call that asks only about
 * known inodes reads no fd directory at all ({@link #fdDirsRead()} stays put). Processes that
 * vanish mid-scan and fd directories that cannot be read (other users' processes, when not
 * privileged: {@link #limitations()} says so) are skipped.
 *
 * <p>Methods are synchronized: one mapper may be shared by threads, but calls do not run
 * concurrently. The parts it holds (cache, fd reader, describer) are changed only through it.
 */
public final class ProcProcessMapper implements ProcessMapper {

    private final FdDirectoryReader fds;
    private final SocketOwnerCache owners;
    private final ProcessDescriber describer;
    private final CgroupIds cgroupIds;
    private final List<String> limitations;
    private boolean closed;

    /** A mapper over the real {@code /proc} and {@code /etc/passwd}. */
    public ProcProcessMapper() {
        // Full rescans at most every 500 ms: with samples ~1 s apart (999 ms measured), a 1 s limit
        // would skip every other sample.
        this(Path.of("/proc"), Path.of("/etc/passwd"), System::nanoTime, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /**
     * A mapper over any tree shaped like /proc (tests use fixture trees). Containers are named
     * from this machine's runtime files (under {@code /}).
     *
     * @param procRoot the proc file system root
     * @param passwdFile the passwd file naming users
     * @param nanoClock a monotonic clock in nanoseconds
     * @param rescanInterval least time between two rescans of processes that are not new
     * @param notFoundTtl how long an inode a complete rescan did not find is not looked for again
     */
    public ProcProcessMapper(Path procRoot, Path passwdFile, LongSupplier nanoClock,
                             Duration rescanInterval, Duration notFoundTtl) {
        this(procRoot, passwdFile, Path.of("/"), nanoClock, rescanInterval, notFoundTtl);
    }

    /**
     * A mapper over any tree shaped like /proc, naming containers from the runtime files under
     * {@code runtimeRoot} (tests use fixture trees for both).
     */
    ProcProcessMapper(Path procRoot, Path passwdFile, Path runtimeRoot, LongSupplier nanoClock,
                      Duration rescanInterval, Duration notFoundTtl) {
        this.fds = new FdDirectoryReader(procRoot);
        this.owners = new SocketOwnerCache(procRoot, fds, nanoClock, rescanInterval.toNanos(), notFoundTtl.toNanos());
        // One namer for both: a container is named the same whether its process was described or
        // only its cgroup id is known, and its runtime files are looked up once.
        ContainerNames containerNames = new ContainerNames(runtimeRoot, nanoClock);
        this.describer = new ProcessDescriber(procRoot, passwdFile, containerNames);
        this.cgroupIds = new CgroupIds(procRoot.resolve("self/mounts"), containerNames);
        this.limitations = CapabilityCheck.limitations(procRoot);
    }

    /** {@inheritDoc} The owner key of a Linux socket is its inode. */
    @Override
    public synchronized int[] owners(List<SocketInfo> unmapped) throws IOException {
        ensureOpen();
        return owners.owners(unmapped);
    }

    @Override
    public synchronized Optional<ProcessInfo> describe(int pid) {
        ensureOpen();
        return describer.describe(pid);
    }

    /** {@inheritDoc} A zombie counts as exited. One read of {@code /proc/<pid>/stat}. */
    @Override
    public synchronized boolean isAlive(int pid, long startTime) {
        ensureOpen();
        return describer.isAlive(pid, startTime);
    }

    /**
     * {@inheritDoc} Looks the id up on the cgroup2 mount ({@code open_by_handle_at}: needs
     * CAP_DAC_READ_SEARCH, else always empty) and classifies its path as {@link #describe} does a
     * process's; answers are cached, bounded. Never throws; empty once the mapper is closed.
     */
    @Override
    public synchronized Optional<ContainerInfo> containerOfCgroup(long cgroupId) {
        return closed ? Optional.empty() : cgroupIds.containerOf(cgroupId);
    }

    /** {@inheritDoc} From the passwd file, as {@link #describe} names a process's user. */
    @Override
    public synchronized Optional<String> userName(int uid) {
        return closed ? Optional.empty() : Optional.of(describer.userName(uid));
    }

    @Override
    public List<String> limitations() {
        return limitations;
    }

    @Override
    public synchronized void close() {
        closed = true;
        owners.clear();
        cgroupIds.clear(); // it holds no fd between calls (see CgroupIds#link): nothing else to release
    }

    /** How many {@code /proc/<pid>/fd} directories this mapper has read so far. */
    public synchronized long fdDirsRead() {
        return fds.directoriesRead();
    }

    /** How many rescans of processes that were not new this mapper has made. */
    synchronized long rescans() {
        return owners.rescans();
    }

    /** The cgroup id lookup (tests). */
    synchronized CgroupIds cgroupIds() {
        return cgroupIds;
    }

    /** How many socket inodes are cached with their owner. */
    synchronized int cachedInodes() {
        return owners.cachedInodes();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("mapper closed");
        }
    }
}
