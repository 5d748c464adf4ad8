package org.sstop.linux.ebpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a process (thread group id and start time) has exited, from {@code /proc/<tgid>/stat}:
 * gone when the file is missing or belongs to a newer process with the same id. Stateless.
 */
final class ProcessExit {

    /** {@code /proc/<pid>/stat} is one line; a {@code comm} of 16 bytes keeps it well under this. */
    private static final int STAT_MAX = 4096;
    /** Field 22 (starttime) is the 20th field after the one that closes {@code comm}. */
    private static final int FIELDS_AFTER_COMM = 20;

    private ProcessExit() {
    }

    /**
     * Whether the process is gone.
     *
     * @param procRoot the proc file system, e.g. {@code /proc}
     * @param startTicks its start time in clock ticks since boot
     * @return true when it has certainly exited; false when it runs or cannot be told
     */
    static boolean gone(Path procRoot, int tgid, long startTicks) {
        byte[] stat;
        try {
            stat = Files.readAllBytes(procRoot.resolve(Integer.toString(tgid)).resolve("stat"));
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
        long start = startTime(new String(stat, 0, Math.min(stat.length, STAT_MAX), StandardCharsets.ISO_8859_1));
        return start >= 0 && start != startTicks;
    }

    /**
     * Field 22 of a {@code stat} line, counted after the last {@code ')'} (a {@code comm} may
     * hold spaces and parentheses).
     *
     * @return the start time in clock ticks, or -1 when the line is malformed
     */
    static long startTime(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] fields = stat.substring(close + 1).strip().split(" ", FIELDS_AFTER_COMM + 2);
        if (fields.length <= FIELDS_AFTER_COMM - 1) {
            return -1;
        }
        try {
            return Long.parseLong(fields[FIELDS_AFTER_COMM - 1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
