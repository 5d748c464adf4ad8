package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.Availability;
import org.sstop.api.InterfaceStats;
import org.sstop.api.InterfaceStatsProvider;

/** Provides {@link ProcInterfaceStats}: name {@value #NAME}, priority {@value #PRIORITY}. */
public final class ProcInterfaceStatsProvider implements InterfaceStatsProvider {

    /** The provider's name. */
    public static final String NAME = "linux-procfs";

    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** For ServiceLoader. */
    public ProcInterfaceStatsProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return ProcfsSupport.probe(Path.of("/proc/net/dev"));
    }

    @Override
    public InterfaceStats open() {
        return new ProcInterfaceStats();
    }
}
