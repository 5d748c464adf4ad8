package org.sstop.macos;

import org.sstop.api.InterfaceStats;
import org.sstop.api.InterfaceStatsProvider;

/**
 * Interface counters ({@code macos-netstat}) from {@code netstat -ibn}.
 */
public final class NetstatInterfaceStatsProvider extends CommandProvider<InterfaceStats> implements InterfaceStatsProvider {

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
        super(host, runner, timing, "netstat");
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
    InterfaceStats create() {
        return new NetstatInterfaceStats(path("netstat"), runner(), timing());
    }
}
