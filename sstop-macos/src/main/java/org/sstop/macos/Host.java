package org.sstop.macos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The facts a provider's availability depends on: the operating system and where a command
 * lives. A seam, so tests can run the real providers on any OS.
 */
public interface Host {

    /** Whether this is macOS. */
    boolean isMacOs();

    /** The operating system's name, for messages. */
    String osName();

    /**
     * Finds a command.
     *
     * @param name e.g. {@code netstat}
     * @return its path, or empty when it is not installed
     */
    Optional<String> find(String name);

    /** Whether this process runs as root (lsof then sees every process's sockets). */
    default boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The real host: {@code os.name}, and the command looked up in /usr/sbin, /usr/bin, /sbin, /bin, then PATH. */
    static Host system() {
        return SystemHost.INSTANCE;
    }

    /** The real host. */
    final class SystemHost implements Host {
        static final SystemHost INSTANCE = new SystemHost();
        private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

        private SystemHost() {
        }

        @Override
        public boolean isMacOs() {
            String os = osName().toLowerCase(Locale.ROOT);
            return os.startsWith("mac") || os.contains("darwin");
        }

        @Override
        public String osName() {
            return System.getProperty("os.name", "unknown");
        }

        @Override
        public Optional<String> find(String name) {
            // System directories first: a netstat earlier on PATH (e.g. GNU net-tools from a package
            // manager) prints a different format.
            for (String dir : SYSTEM_DIRS) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p.toString());
                }
            }
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isEmpty()) {
                        Path p = Path.of(dir, name);
                        if (Files.isExecutable(p)) {
                            return Optional.of(p.toString());
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }
}
