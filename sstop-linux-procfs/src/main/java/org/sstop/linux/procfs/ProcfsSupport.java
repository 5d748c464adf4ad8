package org.sstop.linux.procfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sstop.api.Availability;

/** The availability probes the providers of this module share. */
final class ProcfsSupport {

    private ProcfsSupport() {
    }

    /** Available on Linux, else unavailable with the OS's name. */
    static Availability linux() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Availability.no("not Linux (os.name=" + os + ")");
        }
        return Availability.yes();
    }

    /**
     * Whether {@code file} under {@code /proc} can be read here.
     *
     * @param file a path that must be readable, e.g. {@code /proc/net/dev}
     */
    static Availability probe(Path file) {
        Availability linux = linux();
        if (!linux.available()) {
            return linux;
        }
        try {
            if (!Files.isDirectory(Path.of("/proc/self"))) {
                return Availability.no("/proc is not mounted");
            }
            if (!Files.isReadable(file)) {
                return Availability.no(file + " is not readable");
            }
            return Availability.yes();
        } catch (SecurityException e) {
            return Availability.no("a security manager denies reading " + file, e);
        }
    }
}
