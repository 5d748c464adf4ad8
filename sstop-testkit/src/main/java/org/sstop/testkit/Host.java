package org.sstop.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the machine a test runs on. Stateless: every answer is read afresh. */
public final class Host {

    private static final Path STATUS = Path.of("/proc/self/status");
    /** Position of the real uid on the status file's {@code Uid:} line. */
    private static final int REAL = 0;
    /** Position of the effective uid. */
    private static final int EFFECTIVE = 1;

    private Host() {
    }

    /** Whether this is Linux with {@code /proc} mounted. */
    public static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Whether this process runs with effective uid 0 (read from {@code /proc/self/status}; false without it). */
    public static boolean isRoot() {
        return effectiveUid() == 0;
    }

    /** This process's real uid, from {@code /proc/self/status}, or -1 where that cannot be read. */
    public static int realUid() {
        return uid(REAL);
    }

    /** This process's effective uid, from {@code /proc/self/status}, or -1 where that cannot be read. */
    public static int effectiveUid() {
        return uid(EFFECTIVE);
    }

    /**
     * Whether an executable of this name is in a directory of the {@code PATH}.
     *
     * @param command a bare command name, e.g. {@code ip}
     * @return true if found
     */
    public static boolean onPath(String command) {
        if (command.isEmpty() || command.contains(File.separator)) {
            return false;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static int uid(int field) {
        if (!isLinux()) {
            return -1;
        }
        try {
            return uidField(Files.readString(STATUS), field);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * One uid of a {@code /proc/<pid>/status} text.
     *
     * @param status the file's text
     * @param field 0 real, 1 effective, 2 saved, 3 filesystem
     * @return the uid, or -1 when the line or field is missing or not a number
     */
    static int uidField(String status, int field) {
        for (String line : status.split("\n", 64)) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).strip().split("\\s+");
                try {
                    return field < ids.length ? Integer.parseInt(ids[field]) : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
