package org.sstop.linux.netlink;

import java.io.IOException;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * Provides the Linux {@code NETLINK_SOCK_DIAG} socket source, {@code linux-netlink}: the preferred
 * Linux tier (priority 100), with per-socket TCP byte counters and final counters of closed TCP
 * connections.
 */
public final class NetlinkSocketSourceProvider extends AbstractProvider<SocketSource> implements SocketSourceProvider {

    /** The provider's name. */
    public static final String NAME = "linux-netlink";
    /** The provider's priority. */
    public static final int PRIORITY = 100;

    /** For {@link java.util.ServiceLoader}. */
    public NetlinkSocketSourceProvider() {
        super(NAME, PRIORITY);
    }


    /**
     * Opens a sock_diag socket and asks for an empty TCP/IPv4 dump: that finds a kernel without
     * sock_diag (EPROTONOSUPPORT), a missing inet_diag/tcp_diag module (ENOENT) and a denied
     * socket (EACCES/EPERM, e.g. a seccomp or LSM policy).
     */
    @Override
    public Availability availability() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return Availability.no("not Linux (os.name=" + os + ")");
        }
        try {
            Throwable loadError = Libc.loadError();
            if (loadError != null) {
                return Availability.no("JNA cannot call libc here: " + loadError, loadError);
            }
            try (NetlinkSocketSource probe = NetlinkSocketSource.open(false)) {
                return probe.limitations().isEmpty()
                        ? Availability.yes()
                        : Availability.yes(String.join("; ", probe.limitations()));
            }
        } catch (ErrnoException e) {
            return Availability.no(explain(e), e);
        } catch (IOException | RuntimeException | LinkageError e) {
            return Availability.no("NETLINK_SOCK_DIAG unusable: " + e.getMessage(), e);
        }
    }

    private static String explain(ErrnoException e) {
        switch (e.errno()) {
            case Libc.EPROTONOSUPPORT:
            case Libc.EAFNOSUPPORT:
                return "the kernel has no NETLINK_SOCK_DIAG support (CONFIG_SOCK_DIAG): " + e.getMessage();
            case Libc.ENOENT:
                return "the inet_diag/tcp_diag kernel module is missing (modprobe tcp_diag): " + e.getMessage();
            case Libc.EACCES:
            case Libc.EPERM:
                return "not permitted to use NETLINK_SOCK_DIAG (a seccomp or security policy denies it): " + e.getMessage();
            default:
                return "NETLINK_SOCK_DIAG unusable: " + e.getMessage();
        }
    }

    @Override
    public SocketSource open() throws IOException {
        return NetlinkSocketSource.open(true);
    }
}
