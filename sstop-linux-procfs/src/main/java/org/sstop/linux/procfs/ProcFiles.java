package org.sstop.linux.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bounded reads of small /proc, /sys and /etc files: untrusted sizes never exhaust memory. */
final class ProcFiles {

    private ProcFiles() {
    }

    /**
     * Reads at most {@code max} bytes of a file into {@code buf}.
     *
     * @return the number of bytes read
     * @throws IOException when the file cannot be opened or read (gone, no permission)
     */
    static int read(Path file, byte[] buf) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(buf, 0, buf.length);
        }
    }

    /** Reads at most {@code max} bytes of a file. */
    static byte[] readBytes(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    /** Reads at most {@code max} bytes of a file as UTF-8 text (malformed bytes replaced). */
    static String readText(Path file, int max) throws IOException {
        return new String(readBytes(file, max), StandardCharsets.UTF_8);
    }

    /**
     * Reads at most {@code max} bytes of a file of lines as UTF-8 text; when the file is longer, the
     * text ends after the last whole line, so that a line cut inside a number is never parsed as a
     * smaller, wrong one.
     */
    static String readWholeLines(Path file, int max) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(max + 1);
        }
        int end = bytes.length;
        if (end > max) {
            end = max;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
