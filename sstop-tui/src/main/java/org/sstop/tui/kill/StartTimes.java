package org.sstop.tui.kill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/** Reads a process's current start-time token, to tell a process from the next owner of its pid. */
@FunctionalInterface
public interface StartTimes {

    /**
     * The start-time token of a running process.
     *
     * @param pid the pid
     * @return the token ({@link #UNKNOWN} when it cannot be read), empty when no such process runs
     */
    OptionalLong of(int pid);

    /** A running process whose start time cannot be read. */
    long UNKNOWN = Long.MIN_VALUE;

    /**
     * macOS: the start time in whole seconds since the epoch, from the process table (the JDK
     * reads it with {@code sysctl}), the same instant the macOS backend's token holds (it parses
     * {@code ps -o lstart}, whole seconds). {@link #UNKNOWN} for a process whose start is hidden.
     */
    static StartTimes epochSeconds() {
        return pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> OptionalLong.of(p.info().startInstant().map(Instant::getEpochSecond).orElse(UNKNOWN)))
                .orElse(OptionalLong.empty());
    }

    /** Linux: field 22 of {@code /proc/<pid>/stat} (clock ticks since boot), as the procfs backend reports it. */
    static StartTimes proc() {
        return pid -> {
            try {
                byte[] b = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "stat"));
                return parseStat(new String(b, StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        };
    }

    /**
     * Field 22 (starttime) of a {@code /proc/<pid>/stat} line. The name (field 2) may contain
     * spaces and parentheses, so fields are counted after the last ')'.
     *
     * @param stat the line
     * @return the start time, empty when the line is malformed
     */
    static OptionalLong parseStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 1).trim().split(" +");
        // f[0] is field 3 (state), so field 22 is f[19].
        if (f.length < 20) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
