package org.sstop.linux.ebpf;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.System.Logger.Level;

/**
 * The module's one binding of libc: {@code syscall(SYS_bpf, ...)} (glibc has no {@code bpf()}
 * wrapper), {@code open}, {@code read}, {@code close} and {@code sysconf}. JNA direct mapping ({@code Native.register}): no
 * per-call reflection or allocation, which matters for the map reads of every drain. A call that
 * fails returns -1 and its errno is read with {@link Native#getLastError()} right after.
 *
 * <p>{@code syscall} is variadic in C; it is bound here with fixed {@code long} arguments, which
 * is how the x86-64 and AArch64 Linux ABIs pass the variadic integer arguments too (glibc's
 * {@code syscall} is an assembly stub that moves registers). {@link #loadError()} refuses other
 * architectures (the bpf syscall number differs) and 32-bit JVMs; callers check it before the
 * first call.
 */
final class Libc {

    /** {@code O_RDONLY | O_CLOEXEC} on Linux. */
    static final int O_RDONLY_CLOEXEC = 0x80000;
    /** {@code _SC_CLK_TCK} on Linux. */
    static final int SC_CLK_TCK = 2;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int E2BIG = 7;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;
    /** The kernel-internal ENOTSUPP some bpf commands leak to user space. */
    static final int ENOTSUPP = 524;

    private static final long SYS_BPF = bpfSyscallNumber();
    private static final Throwable LOAD_ERROR = register();

    private Libc() {
    }

    /** {@code __NR_bpf}: 321 on x86-64, 280 on the architectures of the generic syscall table; -1 elsewhere. */
    private static long bpfSyscallNumber() {
        switch (Platform.ARCH) {
            case "x86-64": return 321;
            case "aarch64":
            case "riscv64":
            case "loongarch64": return 280;
            default: return -1;
        }
    }

    private static Throwable register() {
        try {
            if (!Platform.isLinux()) {
                return new UnsupportedOperationException("not Linux");
            }
            if (Native.SIZE_T_SIZE != 8 || Native.LONG_SIZE != 8) {
                return new UnsupportedOperationException("needs a 64-bit JVM (size_t is " + Native.SIZE_T_SIZE + " bytes)");
            }
            if (SYS_BPF < 0) {
                return new UnsupportedOperationException("bpf(2) is not bound for the " + Platform.ARCH + " architecture");
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

    /**
     * {@code bpf(cmd, attr, size)}.
     *
     * @return the call's result (an fd for the commands that make objects), -1 on error (errno set)
     */
    static long bpf(int cmd, Pointer attr, int size) {
        return syscall(SYS_BPF, cmd, attr, size);
    }

    private static native long syscall(long number, long cmd, Pointer attr, long size);

    static native int open(String path, int flags);

    /** {@code read(fd, buf, count)} into native memory at address {@code buf}. */
    static native long read(int fd, long buf, long count);

    static native int close(int fd);

    static native long sysconf(int name);

    /** A short name for an errno value, for messages. */
    static String errnoName(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case E2BIG: return "E2BIG";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EFAULT: return "EFAULT";
            case EBUSY: return "EBUSY";
            case EEXIST: return "EEXIST";
            case EINVAL: return "EINVAL";
            case ENOSPC: return "ENOSPC";
            case ENOSYS: return "ENOSYS";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            case ENOTSUPP: return "ENOTSUPP";
            default: return "errno " + errno;
        }
    }
}
