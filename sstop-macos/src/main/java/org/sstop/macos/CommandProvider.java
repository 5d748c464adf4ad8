package org.sstop.macos;

import java.io.IOException;
import java.util.List;
import org.sstop.api.Availability;
import org.sstop.api.Backend;
import org.sstop.api.AbstractProvider;

/**
 * What the command-driven macOS providers share: the host (OS check and command lookup), how
 * commands run, their timeouts, and the availability probe over the commands a provider needs.
 * A provider adds how it builds its backend.
 *
 * @param <T> the service it opens
 */
abstract class CommandProvider<T extends Backend> extends AbstractProvider<T> {

    private final Host host;
    private final CommandRunner runner;
    private final Timing timing;
    private final List<String> commands;

    /**
     * @param name the provider's name
     * @param priority its tier
     * @param host the OS and command lookup
     * @param runner how commands run (tests pass recorded outputs)
     * @param timing timeouts
     * @param commands the commands the backend needs, checked in this order
     */
    CommandProvider(String name, int priority, Host host, CommandRunner runner, Timing timing, String... commands) {
        super(name, priority);
        this.host = host;
        this.runner = runner;
        this.timing = timing;
        this.commands = List.of(commands);
    }

    /** Available on macOS when every needed command is found; otherwise says what is missing. Never throws. */
    @Override
    public final Availability availability() {
        try {
            if (!host.isMacOs()) {
                return Availability.no("macOS only (this is " + host.osName() + ")");
            }
            for (String c : commands) {
                if (host.find(c).isEmpty()) {
                    return Availability.no(c + " not found in /usr/sbin, /usr/bin or PATH");
                }
            }
            return Availability.yes();
        } catch (RuntimeException e) {
            return Availability.no("cannot probe: " + e);
        }
    }

    /**
     * Opens the backend when {@link #availability()} says yes.
     *
     * @throws IOException with the availability's reason when it says no
     */
    @Override
    public final T open() throws IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new IOException(a.reason());
        }
        return create();
    }

    /** Builds the backend; called by {@link #open()} once the provider is available. */
    abstract T create();

    /** Where a command lives, or its bare name if the lookup no longer finds it. */
    final String path(String command) {
        return host.find(command).orElse(command);
    }

    final Host host() {
        return host;
    }

    final CommandRunner runner() {
        return runner;
    }

    final Timing timing() {
        return timing;
    }
}
