package org.sstop.linux.procfs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sstop.api.Availability;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowCounterProvider;

/** The {@code linux-packet} flow counter (priority 100): an AF_PACKET TPACKET_V3 ring; needs CAP_NET_RAW. */
public final class PacketFlowCounterProvider implements FlowCounterProvider {

    /** Flow table slots per drain interval (three quarters usable). */
    static final int FLOW_CAPACITY = 1 << 16;

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public PacketFlowCounterProvider() {
    }

    @Override
    public String name() {
        return "linux-packet";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        try {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return Availability.no("not Linux");
            }
            int fd = PacketNative.socket(PacketNative.AF_PACKET, PacketNative.SOCK_RAW | PacketNative.SOCK_CLOEXEC, 0);
            PacketNative.close(fd);
            return Availability.yes();
        } catch (LastErrorException e) {
            return Availability.no(PacketRing.socketError(e).getMessage());
        } catch (Throwable t) { // e.g. JNA cannot load: must never throw
            return Availability.no("cannot probe AF_PACKET: " + t);
        }
    }

    @Override
    public FlowCounter open() throws IOException {
        return new PacketFlowCounter(Path.of("/proc/net"), FLOW_CAPACITY);
    }
}
