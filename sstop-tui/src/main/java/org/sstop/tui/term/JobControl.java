package org.sstop.tui.term;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Stops sstop as the terminal's Ctrl+Z would: sstop's raw mode turns the terminal's signal keys
 * off, so Ctrl+Z arrives as a key and sstop sends itself {@code SIGTSTP}. Stateless.
 */
final class JobControl {

    private JobControl() {
    }

    /**
     * Raises {@code SIGTSTP} in this process; returns once a shell continues it ({@code fg},
     * {@code bg}, {@code SIGCONT}). Where the process group has no shell to continue it (an
     * orphaned group), the kernel discards the signal and this returns at once.
     *
     * @return false when the signal could not be raised (no C library, an unknown platform)
     */
    static boolean stopSelf() {
        int sig = Platform.isMac() || Platform.isFreeBSD() || Platform.isOpenBSD() ? 18
                : Platform.isLinux() && !Platform.isMIPS() && !Platform.isSPARC() ? 20 : -1;
        if (sig < 0) {
            return false;
        }
        try {
            return LibC.raise(sig) == 0;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Direct-mapped C library calls. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int raise(int sig);
    }
}
