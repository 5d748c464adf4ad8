package org.sstop.linux.netlink;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls a netlink socket needs, bound with JNA direct mapping ({@code Native.register}),
 * which costs a fraction of interface mapping per call and allocates nothing. Errors are read with
 * {@link Native#getLastError()} right after a call returns -1.
 *
 * <p>{@code size_t} and {@code ssize_t} are mapped to {@code long}: only valid on LP64 platforms,
 * which {@link #loadError()} checks before anything is registered.
 */
final class Libc {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_SOCK_DIAG = 4;

    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_RCVBUFFORCE = 33;

    static final int O_RDONLY_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x4000_0000;

    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int EPROTONOSUPPORT = 93;
    static final int EAFNOSUPPORT = 97;
    static final int ENOBUFS = 105;

    private static final Throwable LOAD_ERROR = register();

    private Libc() {
    }

    private static Throwable register() {
        try {
            if (!Platform.isLinux()) {
                return new UnsupportedOperationException("not Linux");
            }
            if (Native.SIZE_T_SIZE != 8) {
                return new UnsupportedOperationException("needs a 64-bit JVM (size_t is " + Native.SIZE_T_SIZE + " bytes)");
            }
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (Throwable t) { // JNA cannot load here: UnsatisfiedLinkError, or NoClassDefFoundError when it
            // failed earlier in this JVM, whose cause says why (it alone says only "Could not initialize")
            return t instanceof NoClassDefFoundError && t.getCause() != null ? t.getCause() : t;
        }
    }

    /** Why the native calls are not usable, or null when they are. */
    static Throwable loadError() {
        return LOAD_ERROR;
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer addr, int addrlen);

    static native long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrlen);

    static native long recvfrom(int fd, Pointer buf, long len, int flags, Pointer addr, Pointer addrlen);

    static native int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    static native int close(int fd);

    static native int open(String path, int flags);

    /** Moves the calling thread (only) into the namespace of {@code fd}. */
    static native int setns(int fd, int nstype);

    /** A short name for an errno value, for messages. */
    static String errnoName(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EAGAIN: return "EAGAIN";
            case EACCES: return "EACCES";
            case EBUSY: return "EBUSY";
            case EINVAL: return "EINVAL";
            case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
            case EAFNOSUPPORT: return "EAFNOSUPPORT";
            case ENOBUFS: return "ENOBUFS";
            default: return "errno " + errno;
        }
    }
}
