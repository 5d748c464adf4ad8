package org.sstop.tui;

import java.time.Duration;
import org.sstop.core.NetMonitor;

/**
 * The interactive terminal UI. PLACEHOLDER: the contract (signature) is fixed, the UI is being
 * built; the CLI calls {@link #run} when no output flag is given.
 */
public final class TerminalUi {

    private TerminalUi() {
    }

    /**
     * Runs the UI until the user quits; always restores the terminal.
     *
     * @param monitor a built, not yet started monitor (the UI starts and closes it)
     * @param refresh the initial refresh interval (from {@code --interval})
     * @param dnsNames whether reverse DNS lookups are allowed ({@code -n} turns them off)
     * @return the process exit code
     */
    public static int run(NetMonitor monitor, Duration refresh, boolean dnsNames) {
        throw new UnsupportedOperationException("terminal UI not built yet");
    }
}
