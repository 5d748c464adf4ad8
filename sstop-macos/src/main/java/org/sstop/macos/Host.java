package org.sstop.macos;

import java.util.Optional;

/**
 * The facts a provider's availability depends on: the operating system and where a command
 * lives. A seam, so tests can run the real providers on any OS.
 */
interface Host {

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
}
