package org.sstop.linux.procfs;

import java.nio.file.Path;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * The {@code linux-procfs} socket source: the fallback tier (priority 50, below netlink's 100)
 * for kernels without sock_diag.
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
        return new ProcNetSocketSource(PROC_NET);
    }
}
