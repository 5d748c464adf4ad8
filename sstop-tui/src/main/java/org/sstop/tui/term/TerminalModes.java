package org.sstop.tui.term;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The terminal's settings exactly as they were, saved with {@code tcgetattr} before sstop changes
 * them and written back with {@code tcsetattr} after everything else has restored its own idea of
 * them: JLine's JNI provider writes back the line speed as 0 (jline3 issue 2170), so after sstop
 * the terminal reported {@code stty speed} 0. The raw {@code struct termios} is kept as bytes, so
 * nothing in it is lost in translation. Written once by its constructor; {@link #restore()} may
 * run from a shutdown hook.
 */
final class TerminalModes {

    /** Larger than {@code struct termios} on every platform sstop runs on (60 bytes on Linux, 72 on macOS). */
    private static final int TERMIOS_BYTES = 256;
    private static final int TCSANOW = 0;

    private final int fd;
    private final Memory saved;

    private TerminalModes(int fd, Memory saved) {
        this.fd = fd;
        this.saved = saved;
    }

    /**
     * The settings of the first of stdin and stdout that is a terminal.
     *
     * @return them, or null when neither is a terminal or the C library cannot be called
     */
    static TerminalModes save() {
        try {
            for (int fd = 0; fd <= 1; fd++) {
                Memory m = new Memory(TERMIOS_BYTES);
                m.clear();
                if (LibC.isatty(fd) == 1 && LibC.tcgetattr(fd, m) == 0) {
                    return new TerminalModes(fd, m);
                }
                m.close();
            }
        } catch (LinkageError | RuntimeException e) {
            // No way to save them: JLine's own restore is all there is.
        }
        return null;
    }

    /** Writes the saved settings back; best effort (the terminal may be gone). */
    void restore() {
        try {
            LibC.tcsetattr(fd, TCSANOW, saved);
        } catch (LinkageError | RuntimeException e) {
            // Nothing more can be done.
        }
    }

    /** Direct-mapped C library calls. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int isatty(int fd);

        static native int tcgetattr(int fd, Pointer termios);

        static native int tcsetattr(int fd, int optionalActions, Pointer termios);
    }
}
