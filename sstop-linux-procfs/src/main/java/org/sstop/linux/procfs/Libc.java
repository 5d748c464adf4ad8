package org.sstop.linux.procfs;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;

/**
 * The module's one binding of libc: the packet ring's socket calls, the address dump's netlink
 * calls, the cgroup id lookup's {@code open} and {@code open_by_handle_at}, and the mapper's
 * {@code readlink} (into a reusable buffer: no {@code Path} or {@code String} per file descriptor
 * during a scan) and {@code sysconf}. JNA direct mapping
 * ({@code Native.register}): no per-call reflection or allocation. A call that fails returns -1
 * (mmap: {@code MAP_FAILED}) and its errno is read with {@link Native#getLastError()} right after.
 *
 * <p>{@code size_t}, {@code ssize_t} and {@code long} are mapped to Java {@code long}: only valid
 * on LP64 platforms, which {@link #loadError()} checks before anything is registered. Callers
 * check {@link #loadError()} before the first call: when it is not null, no method here may be
 * called.
 */
final class Libc {

    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int ETH_P_ALL = 0x0003;
    static final int SOL_SOCKET = 1;
    static final int SO_ATTACH_FILTER = 26;
    static final int SOL_PACKET = 263;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_FANOUT = 18;
    static final int PACKET_FANOUT_DATA = 22;
    static final int PACKET_FANOUT_CBPF = 6;
    static final int PACKET_FANOUT_FLAG_UNIQUEID = 0x2000;
    static final int TPACKET_V3 = 2;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int POLLIN = 1;
    static final int POLLERR = 8;
    /** {@code _SC_CLK_TCK} on Linux. */
    static final int SC_CLK_TCK = 2;

    static final int O_RDONLY = 0;
    /** Differs by architecture: 040000 on ARM and PowerPC, 0200000 on x86, RISC-V, s390 and MIPS. */
    static final int O_DIRECTORY = Platform.isARM() || Platform.isPPC() ? 040000 : 0200000;
    static final int O_CLOEXEC = 02000000;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;

    private static final Throwable LOAD_ERROR = register();

    private Libc() {
    }

    private static Throwable register() {
        try {
            if (!Platform.isLinux()) {
                return new UnsupportedOperationException("not Linux");
            }
            if (Native.SIZE_T_SIZE != 8 || Native.LONG_SIZE != 8) {
                return new UnsupportedOperationException(
                        "needs a 64-bit JVM (size_t is " + Native.SIZE_T_SIZE + " bytes)");
            }
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (Throwable t) { // JNA cannot load here: UnsatisfiedLinkError, or NoClassDefFoundError when it
            // failed earlier in this JVM, whose cause says why (it alone says only "Could not initialize")
            Throwable why = t instanceof NoClassDefFoundError && t.getCause() != null ? t.getCause() : t;
            System.getLogger(Libc.class.getName()).log(Level.DEBUG, "libc through JNA unavailable", t);
            return why;
        }
    }

    /** Why the native calls are not usable, or null when they are. */
    static Throwable loadError() {
        return LOAD_ERROR;
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    static native int bind(int fd, byte[] address, int length);

    static native Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

    static native int munmap(Pointer address, long length);

    static native int poll(byte[] fds, long nfds, int timeoutMillis);

    static native int close(int fd);

    static native long send(int fd, byte[] buffer, long length, int flags);

    static native long recv(int fd, byte[] buffer, long length, int flags);

    /**
     * {@code ssize_t readlink(const char *path, char *buf, size_t bufsiz)}.
     *
     * @param path NUL-terminated path bytes
     * @param buf receives the target, not NUL-terminated
     * @param bufsiz capacity of buf
     * @return bytes written, or -1
     */
    static native long readlink(byte[] path, byte[] buf, long bufsiz);

    /**
     * {@code int open(const char *path, int flags)}, without a mode: never called with
     * {@code O_CREAT}, so the variadic mode is never read.
     *
     * @param path NUL-terminated path bytes
     * @return the file descriptor, or -1
     */
    static native int open(byte[] path, int flags);

    /**
     * {@code int open_by_handle_at(int mount_fd, struct file_handle *handle, int flags)}: needs
     * CAP_DAC_READ_SEARCH (EPERM without it).
     *
     * @param mountFd any descriptor on the file system the handle belongs to
     * @param handle the {@code struct file_handle}: {@code u32 handle_bytes}, {@code int handle_type},
     *     then the handle's bytes, in native byte order
     * @return the file descriptor, or -1
     */
    static native int open_by_handle_at(int mountFd, byte[] handle, int flags);

    /** {@code long sysconf(int name)}. */
    static native long sysconf(int name);

    /**
     * Throws when a call returned -1.
     *
     * @param result what the call returned
     * @param call the call, for the message (e.g. {@code "setsockopt(PACKET_VERSION)"})
     * @return {@code result}, when it is not -1
     * @throws ErrnoException with the call's errno
     */
    static long check(long result, String call) throws ErrnoException {
        if (result == -1) {
            throw new ErrnoException(call, Native.getLastError());
        }
        return result;
    }

    /** htons for a constant. */
    static int htons(int v) {
        return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? ((v & 0xff) << 8) | ((v >>> 8) & 0xff) : v & 0xffff;
    }
}
