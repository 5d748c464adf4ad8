package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;

/**
 * Provides {@link ProcInterfaceSource}: name {@value #NAME}, priority {@value #PRIORITY}. It lists
 * the interfaces of every network namespace a process lives in, unless the system property
 * {@value #ALL_NAMESPACES_PROPERTY} is {@code false}.
 */
public final class ProcInterfaceSourceProvider extends AbstractProvider<InterfaceSource> implements InterfaceSourceProvider {

    /** The provider's name. */
    public static final String NAME = "linux-procfs";

    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** Set to {@code false} to list only the interfaces (and the /proc tier's sockets) of the monitor's own network namespace. */
    public static final String ALL_NAMESPACES_PROPERTY = "sstop.procfs.allNamespaces";

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
        return new ProcInterfaceSource(!"false".equalsIgnoreCase(System.getProperty(ALL_NAMESPACES_PROPERTY)));
    }
}
