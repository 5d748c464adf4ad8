package org.sstop.macos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs an external command and collects its output: the seam between the macOS backends and the
 * system, so that tests drive the real providers with recorded outputs.
 */
@FunctionalInterface
interface CommandRunner {

    /**
     * Runs a command to completion or until the timeout, whichever comes first.
     *
     * @param command the program and its arguments (no shell)
     * @param timeout how long the command may run; it is killed after that
     * @return what it printed and how it ended
     * @throws IOException when the command cannot be started at all
     */
    CommandResult run(List<String> command, Duration timeout) throws IOException;
}
