package org.sstop.macos;

import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;

/**
 * Process mapping ({@code macos-lsof}): sockets to pids with {@code lsof}, process details with {@code ps}.
 */
public final class LsofProcessMapperProvider extends CommandProvider<ProcessMapper> implements ProcessMapperProvider {

    /** The real system: {@code os.name}, commands in the system directories, 2 s timeouts. */
    public LsofProcessMapperProvider() {
        this(Host.system(), new ProcessCommandRunner(), Timing.DEFAULT);
    }

    /**
     * @param host the OS and command lookup
     * @param runner how commands run (tests pass recorded outputs)
     * @param timing timeouts
     */
    LsofProcessMapperProvider(Host host, CommandRunner runner, Timing timing) {
        super("macos-lsof", 10, host, runner, timing, "lsof", "ps");
    }


    @Override
    ProcessMapper create() {
        return new LsofProcessMapper(path("lsof"), path("ps"), runner(), timing(), java.time.ZoneId.systemDefault(), System::nanoTime, host().isRoot());
    }
}
