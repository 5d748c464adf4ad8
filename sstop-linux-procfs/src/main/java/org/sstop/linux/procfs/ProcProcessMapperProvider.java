package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;

/** Provides {@link ProcProcessMapper}: name {@value #NAME}, priority {@value #PRIORITY}. */
public final class ProcProcessMapperProvider extends AbstractProvider<ProcessMapper> implements ProcessMapperProvider {

    /** The provider's name. */
    public static final String NAME = "linux-procfs";

    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** For ServiceLoader. */
    public ProcProcessMapperProvider() {
        super(NAME, PRIORITY);
    }


    /**
     * Available where {@code /proc/self/fd} is readable. Without native calls (JNA cannot load)
     * the mapper still works, reading fd links in plain Java: the note says so.
     */
    @Override
    public Availability availability() {
        Availability procfs = ProcfsSupport.probe(Path.of("/proc/self/fd"));
        Throwable loadError = Libc.loadError();
        if (!procfs.available() || loadError == null) {
            return procfs;
        }
        return Availability.yes("fd links are read in plain Java, more slowly (JNA cannot call libc here: "
                + loadError + ")");
    }

    @Override
    public ProcessMapper open() {
        return new ProcProcessMapper();
    }
}
