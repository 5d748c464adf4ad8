package org.sstop.macos;

import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;

/**
 * Interface counters ({@code macos-netstat}) from {@code netstat -ibn}.
 */
public final class NetstatInterfaceSourceProvider extends CommandProvider<InterfaceSource> implements InterfaceSourceProvider {

    /** The real system: {@code os.name}, commands in the system directories, 2 s timeouts. */
    public NetstatInterfaceSourceProvider() {
        this(Host.system(), new ProcessCommandRunner(), Timing.DEFAULT);
    }

    /**
     * @param host the OS and command lookup
     * @param runner how commands run (tests pass recorded outputs)
     * @param timing timeouts
     */
    NetstatInterfaceSourceProvider(Host host, CommandRunner runner, Timing timing) {
        super("macos-netstat", 10, host, runner, timing, "netstat");
    }


    @Override
    InterfaceSource create() {
        return new NetstatInterfaceSource(path("netstat"), runner(), timing());
    }
}
