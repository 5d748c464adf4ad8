package org.sstop.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells JNA where the system's libraries are before JNA first loads. Left alone, JNA runs
 * {@code ldconfig -p} on Linux to learn the library directories: a fork and an exec that cost
 * 25-30 ms of every start on a small VM, on the path to the first frame. sstop only ever loads
 * libc, and the JVM has already mapped it: its directory, followed by the directories JNA itself
 * searches, is all JNA needs. A value the user set stands, and where libc is not found JNA asks
 * {@code ldconfig} as it always does.
 */
final class JnaSearchPath {

    /** JNA's system property for the platform's library directories. */
    static final String PROPERTY = "jna.platform.library.path";
    /** What JNA searches after the multi-arch directories (which the libc directory stands for). */
    static final String JNA_DEFAULTS = "/usr/lib64:/lib64:/usr/lib:/lib";

    private static final Path MAPS = Path.of("/proc/self/maps");
    /** A JVM maps a few hundred files; the bound keeps a strange maps file from costing more. */
    private static final int MAX_LINES = 20_000;
    private static final int MAX_DIRECTORY = 4096;

    private JnaSearchPath() {
    }

    /** Sets {@value #PROPERTY} unless the user did, or libc's directory cannot be told. */
    static void configure() {
        if (System.getProperty(PROPERTY) != null || !Files.isReadable(MAPS)) {
            return;
        }
        try (BufferedReader maps = Files.newBufferedReader(MAPS, StandardCharsets.UTF_8)) {
            String dir = libcDirectory(maps);
            if (dir != null) {
                System.setProperty(PROPERTY, dir + ":" + JNA_DEFAULTS);
            }
        } catch (IOException | RuntimeException e) {
            // JNA finds its way with ldconfig, only slower
        }
    }

    /**
     * The directory of the C library mapped in a {@code /proc/PID/maps} listing: the first mapped
     * file named {@code libc.so*} or {@code libc-*.so} (glibc), or {@code ld-musl-*} (musl).
     *
     * @return the absolute directory, or null when there is none (or it would not fit in a path list)
     */
    static String libcDirectory(BufferedReader maps) throws IOException {
        String line;
        for (int n = 0; n < MAX_LINES && (line = maps.readLine()) != null; n++) {
            int path = line.indexOf(" /");
            int slash = line.lastIndexOf('/');
            if (path < 0 || slash <= path) {
                continue;
            }
            String file = line.substring(slash + 1);
            if (file.startsWith("libc.so") || file.startsWith("libc-") && file.endsWith(".so")
                    || file.startsWith("ld-musl-")) {
                String dir = slash == path + 1 ? "/" : line.substring(path + 1, slash);
                return dir.length() <= MAX_DIRECTORY && dir.indexOf(':') < 0 ? dir : null;
            }
        }
        return null;
    }
}
