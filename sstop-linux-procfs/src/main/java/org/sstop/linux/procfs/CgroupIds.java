package org.sstop.linux.procfs;

import com.sun.jna.Native;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sstop.api.ContainerInfo;

/**
 * Tells the container, service or session of a cgroup v2 id (the kernfs node id that
 * {@code bpf_get_current_cgroup_id()} returns, the inode of the cgroup's directory): exactly what
 * {@link ProcessDescriber} would tell of a process living in that cgroup.
 *
 * <p>The id is turned into a path as systemd's {@code cg_cgroupid_open} does: a
 * {@code FILEID_KERNFS} file handle holding the id, opened with {@code open_by_handle_at} on the
 * cgroup2 mount, and the opened directory's {@code /proc/self/fd} link read. That costs three
 * system calls and no walk of the hierarchy, but needs CAP_DAC_READ_SEARCH: without it (EPERM)
 * this remembers that it cannot and answers empty from then on, without asking again.
 *
 * <p>Answers are cached by id, bounded ({@link #MAX_CACHED}, least recently used out), negative
 * ones too: the kernel does not give a removed cgroup's id to another while it runs, so a gone
 * cgroup stays gone. Failures that may pass (no fd left, no memory) are not cached. Names from
 * the runtimes' files are asked of {@link ContainerNames} on every answer, so a container named
 * later is named here too, as the describer would. Not thread-safe: the mapper calls it under its
 * lock.
 */
final class CgroupIds {

    /** The most ids whose answer is remembered. */
    static final int MAX_CACHED = 4096;

    /** The most of the mounts file read; a machine with thousands of mounts stays under it. */
    static final int MOUNTS_MAX = 1024 * 1024;

    /** The most lines of the mounts file looked at. */
    static final int MAX_MOUNT_LINES = 65_536;

    /** The longest link accepted: the kernel's PATH_MAX (4096) plus room for the mount point. */
    static final int LINK_MAX = 8192;

    private static final Logger LOG = System.getLogger(CgroupIds.class.getName());
    private static final int FILEID_KERNFS = 0xfe;
    private static final String DELETED = " (deleted)";

    private final Path mountsFile;
    private final ContainerNames names;
    private final Map<Long, Optional<ContainerInfo>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<ContainerInfo>> eldest) {
            return size() > MAX_CACHED;
        }
    };
    private final byte[] linkBuf = new byte[LINK_MAX];
    private String mount;
    private boolean unavailable;
    private long handlesOpened;

    /**
     * @param mountsFile the mounts table to find the cgroup2 mount in ({@code /proc/self/mounts})
     * @param names names containers, the same the describer uses
     */
    CgroupIds(Path mountsFile, ContainerNames names) {
        this.mountsFile = mountsFile;
        this.names = names;
    }

    /**
     * What a process in a cgroup runs in.
     *
     * @param cgroupId a cgroup v2 id
     * @return its container, monitor, unit or session; empty for 0, an id that is no cgroup (or no
     *     longer one), a cgroup that tells nothing, or when this cannot tell (no cgroup2 mount, no
     *     privilege, any failure). Never throws.
     */
    Optional<ContainerInfo> containerOf(long cgroupId) {
        if (cgroupId == 0 || unavailable) {
            return Optional.empty();
        }
        try {
            Optional<ContainerInfo> raw = cache.get(cgroupId);
            if (raw == null) {
                raw = lookUp(cgroupId);
                if (raw == null) {
                    return Optional.empty(); // may pass: not cached
                }
                cache.put(cgroupId, raw);
            }
            return raw.map(names::named);
        } catch (RuntimeException | LinkageError e) { // a native or parsing surprise must not reach the engine
            LOG.log(Level.DEBUG, "cgroup id " + cgroupId + " not looked up", e);
            return Optional.empty();
        }
    }

    /** How many file handles were opened so far (tests: cached answers open none). */
    long handlesOpened() {
        return handlesOpened;
    }

    /** Whether this has given up (no cgroup2 mount, no privilege, no libc). */
    boolean unavailable() {
        return unavailable;
    }

    /** Forgets every answer (the mapper's close). */
    void clear() {
        cache.clear();
    }

    /** The unnamed classification of an id, or null when the failure may pass. */
    private Optional<ContainerInfo> lookUp(long cgroupId) {
        String m = mount();
        if (m == null) {
            return null;
        }
        String link = link(m, cgroupId);
        if (link == null) {
            return null;
        }
        String path = cgroupPath(link, m);
        return path == null ? Optional.empty() : Optional.ofNullable(CgroupClassifier.classifyPath(path));
    }

    /** The cgroup2 mount point, read once; null (and unavailable) when there is none. */
    private String mount() {
        if (mount == null) {
            try {
                mount = cgroup2Mount(ProcFiles.readWholeLines(mountsFile, MOUNTS_MAX));
            } catch (IOException | SecurityException e) {
                LOG.log(Level.DEBUG, "cannot read " + mountsFile, e);
            }
            if (mount == null) {
                unavailable = true;
            } else if (Libc.loadError() != null) {
                unavailable = true;
                return null;
            }
        }
        return mount;
    }

    /**
     * The {@code /proc/self/fd} link of the cgroup directory of an id: "" when the id names no
     * directory (definite), null when this cannot tell now.
     */
    private String link(String m, long cgroupId) {
        // The mount fd is opened per lookup rather than held: lookups are rare (a process that
        // exited before it was described, then cached), two more system calls cost microseconds,
        // and nothing then stays open between calls: no fd leaks from a mapper never closed, none
        // pins a cgroup2 mount someone unmounts.
        int mountFd = Libc.open(cString(m), Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        if (mountFd < 0) {
            int errno = Native.getLastError();
            LOG.log(Level.DEBUG, "cannot open the cgroup2 mount " + m + ": errno " + errno);
            unavailable |= !transientErrno(errno); // unmounted, or not ours to open: for good
            return null;
        }
        try {
            byte[] handle = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putInt(8).putInt(FILEID_KERNFS).putLong(cgroupId).array();
            // O_DIRECTORY: the id of a file in the hierarchy (cgroup.procs) is no cgroup.
            int fd = Libc.open_by_handle_at(mountFd, handle, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
            if (fd < 0) {
                int errno = Native.getLastError();
                if (errno == Libc.EPERM || errno == Libc.EOPNOTSUPP || errno == Libc.EBADF) {
                    // No CAP_DAC_READ_SEARCH, or a kernel that cannot open cgroups by handle: it
                    // will not change while this runs.
                    LOG.log(Level.DEBUG, "cgroup ids cannot be opened: errno " + errno);
                    unavailable = true;
                    return null;
                }
                // ESTALE (no such node), ENOTDIR (a file), EINVAL: this id names no cgroup.
                return transientErrno(errno) ? null : "";
            }
            handlesOpened++;
            try {
                long n = Libc.readlink(cString("/proc/self/fd/" + fd), linkBuf, linkBuf.length);
                if (n < 0) {
                    return null;
                }
                // A link that fills the buffer may be cut short: a path cut short is a parent's.
                return n >= linkBuf.length ? "" : new String(linkBuf, 0, (int) n, StandardCharsets.UTF_8);
            } finally {
                Libc.close(fd);
            }
        } finally {
            Libc.close(mountFd);
        }
    }

    private static boolean transientErrno(int errno) {
        return errno == Libc.EINTR || errno == Libc.EAGAIN || errno == Libc.ENOMEM
                || errno == Libc.EMFILE || errno == Libc.ENFILE;
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, b.length);
        return c;
    }

    /**
     * Where the cgroup v2 hierarchy is mounted: the mount point of the first line whose file
     * system type is {@code cgroup2}, its octal escapes ({@code \040} for a space) undone.
     *
     * @param mounts the text of {@code /proc/self/mounts}, untrusted; at most
     *     {@link #MAX_MOUNT_LINES} lines are looked at
     * @return the absolute mount point, or null when there is none
     */
    static String cgroup2Mount(String mounts) {
        int from = 0;
        for (int lines = 0; lines < MAX_MOUNT_LINES && from < mounts.length(); lines++) {
            int end = mounts.indexOf('\n', from);
            end = end < 0 ? mounts.length() : end;
            String[] fields = mounts.substring(from, end).split(" ", 4);
            from = end + 1;
            if (fields.length >= 3 && fields[2].equals("cgroup2")) {
                String point = unescape(fields[1]);
                if (point != null && point.startsWith("/")) {
                    return point;
                }
            }
        }
        return null;
    }

    /** A mounts field with its {@code \NNN} octal escapes undone; null when one is a NUL. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        // Undone on the bytes: an escape stands for one byte, maybe part of a UTF-8 character.
        byte[] in = field.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; ) {
            if (in[i] == '\\' && isOctal(in, i + 1) && isOctal(in, i + 2) && isOctal(in, i + 3)) {
                int v = (in[i + 1] - '0') * 64 + (in[i + 2] - '0') * 8 + (in[i + 3] - '0');
                if (v == 0 || v > 0xff) {
                    return null;
                }
                out[n++] = (byte) v;
                i += 4;
            } else {
                out[n++] = in[i++];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] b, int i) {
        return i < b.length && b[i] >= '0' && b[i] <= '7';
    }

    /**
     * The cgroup path of an opened cgroup directory's link, as {@code /proc/<pid>/cgroup} writes
     * it: the link with the mount point taken off ({@code /} for the root cgroup).
     *
     * @param link what {@code readlink("/proc/self/fd/<fd>")} gave, untrusted
     * @param mount the cgroup2 mount point the directory was opened on
     * @return the cgroup path, or null when the link is not below the mount point, is longer than
     *     {@link #LINK_MAX}, or is of a directory already removed ({@code " (deleted)"}: the
     *     cgroup is gone, as a moment later the handle could not have been opened)
     */
    static String cgroupPath(String link, String mount) {
        if (link.length() > LINK_MAX || !link.startsWith("/") || link.endsWith(DELETED)) {
            return null;
        }
        String m = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
        if (link.equals(m) || link.equals(m + "/")) {
            return "/";
        }
        if (!link.startsWith(m + "/")) {
            return null;
        }
        return link.substring(m.length());
    }
}
