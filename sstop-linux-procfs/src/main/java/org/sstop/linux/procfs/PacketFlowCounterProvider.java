package org.sstop.linux.procfs;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowCounterProvider;

/** The {@code linux-packet} flow counter (priority 100): an AF_PACKET TPACKET_V3 ring; needs CAP_NET_RAW. */
public final class PacketFlowCounterProvider extends AbstractProvider<FlowCounter> implements FlowCounterProvider {

    /** Flow table slots per drain interval (three quarters usable). */
    static final int FLOW_CAPACITY = 1 << 16;

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public PacketFlowCounterProvider() {
        super("linux-packet", 100);
    }


    /**
     * Opens and closes an {@code AF_PACKET} socket: that finds a missing CAP_NET_RAW (EPERM) and a
     * kernel without packet sockets (EAFNOSUPPORT), with the failed call's errno as the cause.
     */
    @Override
    public Availability availability() {
        Availability linux = ProcfsSupport.linux();
        if (!linux.available()) {
            return linux;
        }
        Throwable loadError = Libc.loadError();
        if (loadError != null) {
            return Availability.no("JNA cannot call libc here: " + loadError, loadError);
        }
        try {
            int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                int errno = Native.getLastError();
                return Availability.no(PacketRing.socketError(errno), new ErrnoException("socket(AF_PACKET)", errno));
            }
            Libc.close(fd);
            return Availability.yes();
        } catch (RuntimeException | LinkageError e) { // must never throw
            return Availability.no("cannot probe AF_PACKET: " + e, e);
        }
    }

    @Override
    public FlowCounter open() throws IOException {
        return new PacketFlowCounter(Path.of("/proc/net"), FLOW_CAPACITY);
    }
}
