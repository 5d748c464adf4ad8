package org.sstop.macos;

import java.util.Optional;
import org.sstop.api.Availability;
import org.sstop.api.InterfaceStats;
import org.sstop.api.InterfaceStatsProvider;

/**
 * Interface counters ({@code macos-netstat}) from {@code netstat -ibn}.
 */
public final class NetstatInterfaceStatsProvider implements InterfaceStatsProvider {

    private final Host host;
    private final CommandRunner runner;
    private final Timing timing;

    /** The real system: {@code os.name}, commands in the system directories, 2 s timeouts. */
    public NetstatInterfaceStatsProvider() {
        this(Host.system(), new ProcessCommandRunner(), Timing.DEFAULT);
    }

    /**
     * @param host the OS and command lookup
     * @param runner how commands run (tests pass recorded outputs)
     * @param timing timeouts
     */
    public NetstatInterfaceStatsProvider(Host host, CommandRunner runner, Timing timing) {
        this.host = host;
        this.runner = runner;
        this.timing = timing;
    }

    @Override
    public String name() {
        return "macos-netstat";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        try {
            if (!host.isMacOs()) {
                return Availability.no("macOS only (this is " + host.osName() + ")");
            }
            for (String c : new String[] {"netstat"}) {
                if (host.find(c).isEmpty()) {
                    return Availability.no(c + " not found in /usr/sbin, /usr/bin or PATH");
                }
            }
            return Availability.yes();
        } catch (RuntimeException e) {
            return Availability.no("cannot probe: " + e);
        }
    }

    @Override
    public InterfaceStats open() throws java.io.IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new java.io.IOException(a.reason());
        }
        return new NetstatInterfaceStats(path("netstat"), runner, timing);
    }

    private String path(String command) {
        Optional<String> p = host.find(command);
        return p.orElse(command);
    }
}
