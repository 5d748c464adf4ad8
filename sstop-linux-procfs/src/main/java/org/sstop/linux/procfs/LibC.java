package org.sstop.linux.procfs;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.lang.System.Logger.Level;

/**
 * The two libc calls the mapper makes natively: {@code readlink} into a reusable buffer (no
 * {@code Path}/{@code String} per file descriptor during a scan) and {@code sysconf} for the clock
 * tick. JNA direct mapping; {@link #AVAILABLE} is false when JNA cannot load or the platform is
 * not 64-bit Linux, and callers fall back to plain Java.
 */
final class LibC {

    /** Whether the native methods below may be called. */
    static final boolean AVAILABLE = register();

    /** {@code _SC_CLK_TCK} on Linux. */
    static final int SC_CLK_TCK = 2;

    private LibC() {
    }

    /**
     * {@code ssize_t readlink(const char *path, char *buf, size_t bufsiz)}.
     *
     * @param path NUL-terminated path bytes
     * @param buf receives the target, not NUL-terminated
     * @param bufsiz capacity of buf
     * @return bytes written, or -1
     */
    static native long readlink(byte[] path, byte[] buf, long bufsiz);

    /** {@code long sysconf(int name)}. */
    static native long sysconf(int name);

    private static boolean register() {
        // size_t and long are 64 bits only on LP64; the Java signatures above assume that.
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return false;
        }
        try {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (LinkageError | RuntimeException e) {
            System.getLogger(LibC.class.getName())
                    .log(Level.DEBUG, "libc through JNA unavailable, using plain Java", e);
            return false;
        }
    }
}
