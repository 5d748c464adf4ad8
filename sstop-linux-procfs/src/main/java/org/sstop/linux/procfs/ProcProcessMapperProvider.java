package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.Availability;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;

/** Provides {@link ProcProcessMapper}: name {@value #NAME}, priority {@value #PRIORITY}. */
public final class ProcProcessMapperProvider implements ProcessMapperProvider {

    /** The provider's name. */
    public static final String NAME = "linux-procfs";

    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** For ServiceLoader. */
    public ProcProcessMapperProvider() {
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
        return ProcfsSupport.probe(Path.of("/proc/self/fd"));
    }

    @Override
    public ProcessMapper open() {
        return new ProcProcessMapper();
    }
}
