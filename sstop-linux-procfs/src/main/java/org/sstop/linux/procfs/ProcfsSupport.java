package org.sstop.linux.procfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sstop.api.Availability;

/** The availability probe the procfs providers share. */
final class ProcfsSupport {

    private ProcfsSupport() {
    }

    /**
     * Whether {@code file} under {@code /proc} can be read here.
     *
     * @param file a path that must be readable, e.g. {@code /proc/net/dev}
     */
    static Availability probe(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return Availability.no("not Linux (os.name=" + System.getProperty("os.name") + ")");
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return Availability.no("/proc is not mounted");
        }
        if (!Files.isReadable(file)) {
            return Availability.no(file + " is not readable");
        }
        return Availability.yes();
    }
}
