package org.sstop.tui.kill;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/** {@code kill(pid, 0)} through the C library, for {@link Permission#system()}. Stateless. */
final class KillProbe {

    /** EPERM and ESRCH are 1 and 3 on Linux and macOS alike. */
    private static final int EPERM = 1;
    private static final int ESRCH = 3;

    private KillProbe() {
    }

    /** What the kernel says to signal 0 for {@code pid}. */
    static Permission.Answer check(int pid) {
        try {
            LibC.kill(pid, 0);
            return Permission.Answer.ALLOWED;
        } catch (LastErrorException e) {
            return e.getErrorCode() == EPERM ? Permission.Answer.NOT_PERMITTED
                    : e.getErrorCode() == ESRCH ? Permission.Answer.NO_PROCESS : Permission.Answer.UNKNOWN;
        } catch (LinkageError | RuntimeException e) {
            return Permission.Answer.UNKNOWN;
        }
    }

    /** Direct-mapped C library calls. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int kill(int pid, int sig) throws LastErrorException;
    }
}
