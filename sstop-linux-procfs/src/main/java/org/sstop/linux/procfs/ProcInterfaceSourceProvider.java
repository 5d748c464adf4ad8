package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;

/** Provides {@link ProcInterfaceSource}: name {@value #NAME}, priority {@value #PRIORITY}. */
public final class ProcInterfaceSourceProvider extends AbstractProvider<InterfaceSource> implements InterfaceSourceProvider {

    /** The provider's name. */
    public static final String NAME = "linux-procfs";

    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** For ServiceLoader. */
    public ProcInterfaceSourceProvider() {
        super(NAME, PRIORITY);
    }


    @Override
    public Availability availability() {
        return ProcfsSupport.probe(Path.of("/proc/net/dev"));
    }

    @Override
    public InterfaceSource open() {
        return new ProcInterfaceSource();
    }
}
