package org.sstop.tui.kill;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Whether sstop may signal a process, asked of the kernel itself with {@code kill(pid, 0)}
 * (no signal is sent): it knows the user ids, {@code CAP_KILL} and every other rule, where a
 * comparison of user ids would guess. Stateless.
 */
@FunctionalInterface
public interface Permission {

    /** What {@code kill(pid, 0)} said. */
    enum Answer {
        /** A signal would be delivered. */
        ALLOWED,
        /** The process exists, but this user may not signal it ({@code EPERM}). */
        NOT_PERMITTED,
        /** No such process ({@code ESRCH}). */
        NO_PROCESS,
        /** The question could not be asked (no C library): the signal is tried as before. */
        UNKNOWN
    }

    /**
     * Asks whether a signal to {@code pid} would be delivered.
     *
     * @param pid a process id above 0
     * @return the answer
     */
    Answer check(int pid);

    /** The kernel's answer, through the C library's {@code kill}. */
    static Permission system() {
        return pid -> {
            try {
                LibC.kill(pid, 0);
                return Answer.ALLOWED;
            } catch (LastErrorException e) {
                return e.getErrorCode() == LibC.EPERM ? Answer.NOT_PERMITTED
                        : e.getErrorCode() == LibC.ESRCH ? Answer.NO_PROCESS : Answer.UNKNOWN;
            } catch (LinkageError | RuntimeException e) {
                return Answer.UNKNOWN;
            }
        };
    }

    /** Direct-mapped C library calls (EPERM and ESRCH are 1 and 3 on Linux and macOS alike). */
    final class LibC {
        static final int EPERM = 1;
        static final int ESRCH = 3;

        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        private LibC() {
        }

        static native int kill(int pid, int sig) throws LastErrorException;
    }
}
