package org.sstop.macos;

import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * The netstat tier ({@code macos-netstat}): per-socket bytes from {@code netstat -anvbl}, owners from its {@code process:pid} column where printed, else from {@link LsofProcessMapperProvider}.
 */
public final class NetstatSocketSourceProvider extends CommandProvider<SocketSource> implements SocketSourceProvider {

    /** The real system: {@code os.name}, commands in the system directories, 2 s timeouts. */
    public NetstatSocketSourceProvider() {
        this(Host.system(), new ProcessCommandRunner(), Timing.DEFAULT);
    }

    /**
     * @param host the OS and command lookup
     * @param runner how commands run (tests pass recorded outputs)
     * @param timing timeouts
     */
    NetstatSocketSourceProvider(Host host, CommandRunner runner, Timing timing) {
        super("macos-netstat", 20, host, runner, timing, "netstat");
    }


    @Override
    SocketSource create() {
        return new NetstatSocketSource(path("netstat"), runner(), timing());
    }
}
