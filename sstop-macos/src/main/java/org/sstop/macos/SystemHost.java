package org.sstop.macos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The real host: {@code os.name}, and commands looked up in /usr/sbin, /usr/bin, /sbin, /bin, then PATH. */
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
