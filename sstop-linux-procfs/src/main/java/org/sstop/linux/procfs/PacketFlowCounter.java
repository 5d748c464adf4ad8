package org.sstop.linux.procfs;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowSample;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.Protocol;

/**
 * Counts transport payload per flow from an {@code AF_PACKET} {@code TPACKET_V3} ring, on a capture
 * thread it owns ({@code sstop-capture}).
 *
 * <p>Bytes are transport payload, as {@code tcp_info} counts them: retransmitted TCP payload is
 * recognised by its sequence numbers and not counted twice ({@link TcpSequenceTracker}), so the
 * counts match {@code tcpi_bytes_acked} and {@code tcpi_bytes_received}; SYN, FIN and headers
 * are not payload. Traffic with neither end on this host (forwarded) is not put on any flow; its payload is
 * reported apart ({@link FlowSample#forwardedBytes()}). Packets of new flows when the table is full, and later
 * fragments whose first fragment was not seen, are reported on a flow with both ends
 * {@link FlowTable#UNATTRIBUTED}.
 */
final class PacketFlowCounter implements FlowCounter {

    private static final System.Logger LOG = System.getLogger(PacketFlowCounter.class.getName());
    private static final long ADDRESS_REFRESH_NANOS = 1_000_000_000L;
    private static final int POLL_MILLIS = 100;

    private final PacketRing ring;
    private final FrameProcessor processor;
    private final Path procNet;
    private final Object lock = new Object();
    private FlowTable active;
    private FlowTable spare;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int captureTid;
    private volatile Throwable failure;
    private long lastAddressRefresh;
    private boolean closed;

    /**
     * Opens the ring and starts the capture thread.
     *
     * @param procNet where {@code fib_trie} and {@code if_inet6} are (normally {@code /proc/net})
     * @param flowCapacity flow table slots (three quarters usable) per drain interval
     * @throws IOException when the ring cannot be opened (e.g. no CAP_NET_RAW)
     */
    PacketFlowCounter(Path procNet, int flowCapacity) throws IOException {
        this.procNet = procNet;
        this.processor = new FrameProcessor(LocalAddressReader.read(procNet));
        this.lastAddressRefresh = System.nanoTime();
        this.active = new FlowTable(flowCapacity);
        this.spare = new FlowTable(flowCapacity);
        // 16 MiB: 64 blocks of 256 KiB. A header-only frame takes ~224 bytes of ring, so the ring
        // holds ~75,000 frames: a 64 KiB-segment loopback transfer at 5 GB/s fills it in ~1 s, long
        // enough to ride out the capture thread being descheduled on a busy machine (a 4 MiB ring
        // dropped packets in such stalls). A block is handed over at the latest 10 ms after its
        // first packet.
        this.ring = PacketRing.open(256 << 10, 64, 10);
        this.thread = new Thread(this::captureLoop, "sstop-capture");
        thread.setDaemon(true);
        thread.start();
    }

    private void captureLoop() {
        captureTid = currentTid();
        try {
            while (running) {
                if (ring.blockReady()) {
                    synchronized (lock) {
                        ring.processBlock(this::count);
                    }
                    ring.releaseBlock();
                } else {
                    ring.poll(POLL_MILLIS);
                }
            }
        } catch (Throwable t) { // the thread must not die silently: drain() reports it
            failure = t;
            LOG.log(Level.ERROR, "packet capture stopped", t);
        }
    }

    /** Counts one frame into the current table; called on the capture thread with the lock held. */
    private void count(java.nio.ByteBuffer b, int mac, int captured, long wireLength, int networkOffset, int hatype,
            int pkttype) {
        processor.process(b, mac, captured, wireLength, networkOffset, hatype, pkttype, active);
    }

    private static int currentTid() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public FlowSample drain() throws IOException {
        FlowTable full;
        long[] stats;
        synchronized (this) {
            if (closed) {
                throw new IOException("closed");
            }
            if (failure != null) {
                throw new PermanentFailureException("packet capture thread failed", failure);
            }
            refreshAddresses();
            stats = ring.statistics();
            synchronized (lock) {
                full = active;
                active = spare;
                spare = full;
            }
            try {
                return new FlowSample(full.toDeltas(), full.packetsSeen, stats[1], full.forwardedBytes,
                        full.otherPackets, full.malformedPackets);
            } finally {
                full.clear();
            }
        }
    }

    private void refreshAddresses() {
        long now = System.nanoTime();
        if (now - lastAddressRefresh >= ADDRESS_REFRESH_NANOS) {
            lastAddressRefresh = now;
            processor.setLocalAddresses(LocalAddressReader.read(procNet));
        }
    }

    @Override
    public void countOnly(Set<Protocol> protocols) {
        processor.countOnly(protocols.contains(Protocol.TCP), protocols.contains(Protocol.UDP));
    }

    /** The capture thread's Linux thread id (for measuring its CPU time), or -1 if unknown. */
    int captureThreadId() {
        return captureTid;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "capture thread did not stop; leaving the ring mapped");
            return;
        }
        ring.close();
    }
}
