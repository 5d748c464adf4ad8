package org.sstop.macos;

import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * The nettop tier ({@code macos-nettop}): per-socket bytes with their owning pid from {@code nettop}, without root.
 */
public final class NettopSocketSourceProvider extends CommandProvider<SocketSource> implements SocketSourceProvider {

    /** The real system: {@code os.name}, commands in the system directories, 2 s timeouts. */
    public NettopSocketSourceProvider() {
        this(Host.system(), new ProcessCommandRunner(), Timing.DEFAULT);
    }

    /**
     * @param host the OS and command lookup
     * @param runner how commands run (tests pass recorded outputs)
     * @param timing timeouts
     */
    NettopSocketSourceProvider(Host host, CommandRunner runner, Timing timing) {
        super("macos-nettop", 30, host, runner, timing, "nettop");
    }


    @Override
    SocketSource create() {
        return new NettopSocketSource(path("nettop"), runner(), timing());
    }
}
