package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * The {@code linux-procfs} socket source: the fallback tier (priority 50, below netlink's 100)
 * for kernels without sock_diag. It lists the sockets of every network namespace a process lives
 * in, unless the system property {@value ProcInterfaceSourceProvider#ALL_NAMESPACES_PROPERTY} is
 * {@code false}.
 */
public final class ProcNetSocketSourceProvider extends AbstractProvider<SocketSource> implements SocketSourceProvider {

    private static final Path PROC_NET = Path.of("/proc/net");

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public ProcNetSocketSourceProvider() {
        super("linux-procfs", 50);
    }

    @Override
    public Availability availability() {
        return ProcfsSupport.probe(PROC_NET.resolve("tcp"));
    }

    @Override
    public SocketSource open() {
        boolean all = !"false".equalsIgnoreCase(System.getProperty(ProcInterfaceSourceProvider.ALL_NAMESPACES_PROPERTY));
        Path proc = Path.of("/proc");
        return new ProcNetSocketSource(PROC_NET, proc,
                all ? new NetnsFinder(proc, NetnsFinder.netnsOf(Path.of("/proc/thread-self/ns/net"))) : null);
    }
}
