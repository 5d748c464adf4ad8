package org.sstop.app;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * What Java does not tell: whether stdout is a terminal, when the reader at its other end goes
 * away (a pipe into {@code head -1}: a headless sstop then stops at once instead of at its next
 * write, up to ten seconds later), and whether sstop runs as root.
 */
final class Posix {

    private static final int STDOUT = 1;
    private static final short POLLERR = 0x0008;
    private static final short POLLHUP = 0x0010;

    private Posix() {
    }

    /** Whether stdout is a terminal: {@code isatty(1)}, or, without libc, {@link System#console()}. */
    static boolean isStdoutTerminal() {
        try {
            return LibC.isatty(STDOUT) == 1;
        } catch (LinkageError e) {
            return System.console() != null;
        }
    }

    /**
     * Runs {@code action} once, on a daemon thread, when stdout's reader is gone (the pipe's read
     * end closed, or the socket or terminal hung up). Does nothing where poll(2) cannot be called.
     *
     * @param action what to do then
     */
    static void onStdoutReaderGone(Runnable action) {
        Thread watcher = new Thread(() -> {
            if (waitForHangup()) {
                action.run();
            }
        }, "sstop-stdout-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Blocks in poll(2) on fd 1 asking for no events: only POLLERR (a pipe without readers) and
     * POLLHUP wake it. Regular files and /dev/null never do.
     */
    private static boolean waitForHangup() {
        try {
            Memory pollfd = new Memory(8); // struct pollfd { int fd; short events; short revents; }
            pollfd.setInt(0, STDOUT);
            pollfd.setShort(4, (short) 0);
            // poll fails only with EINTR in practice (a signal); give up if it keeps failing.
            for (int failures = 0; failures < 100; ) {
                pollfd.setShort(6, (short) 0);
                int n = LibC.poll(pollfd, 1, -1);
                if (n > 0) {
                    return (pollfd.getShort(6) & (POLLERR | POLLHUP)) != 0;
                }
                failures++;
            }
            return false;
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Loads JNA and libc now (about 50 ms), so that the caller can do it on another thread while
     * it parses the command line: every later native call, the backends' too, finds them loaded.
     */
    static void warmUp() {
        try {
            LibC.geteuid();
        } catch (LinkageError e) {
            // No native calls here: each use falls back on its own.
        }
    }

    /** Whether the effective user is root: {@code geteuid() == 0}, or, without libc, the user name. */
    static boolean isRoot() {
        try {
            return LibC.geteuid() == 0;
        } catch (LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The libc calls, directly mapped. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int isatty(int fd);

        static native int poll(Pointer fds, long nfds, int timeout);

        static native int geteuid();
    }
}
