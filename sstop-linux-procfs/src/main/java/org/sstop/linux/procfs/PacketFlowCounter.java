package org.sstop.linux.procfs;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowSample;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.Protocol;

/**
 * Counts transport payload per flow from an {@code AF_PACKET} {@code TPACKET_V3} ring, on a capture
 * thread it owns ({@code sstop-capture}). The ring starts small and grows with the packet rate
 * ({@link CaptureRing}); the kernel's drop counts are read by the capture thread every
 * {@value #STATS_MILLIS} ms or so and reported with the next drain.
 *
 * <p>Bytes are transport payload, as {@code tcp_info} counts them: retransmitted TCP payload is
 * recognised by its sequence numbers and not counted twice ({@link TcpSequenceTracker}), so the
 * counts match {@code tcpi_bytes_acked} and {@code tcpi_bytes_received}; SYN, FIN and headers
 * are not payload. Traffic with neither end on this host (forwarded) is not put on any flow; its
 * payload is reported apart ({@link FlowSample#forwardedBytes()}). Packets of new flows when the
 * table is full, and later fragments whose first fragment was not seen, are reported on a flow
 * with both ends {@link FlowTable#UNATTRIBUTED}.
 *
 * <p>When told to count UDP only ({@link #countOnly}), the kernel drops the other frames before
 * they reach the ring, so the ring need only keep up with the UDP packet rate; the packets seen,
 * other, malformed and forwarded figures then cover only the frames kept. Told to count nothing
 * (a kernel traffic counter counts every byte), the capture thread closes the ring and sleeps
 * until told otherwise, when it opens a new one: no wake-ups ten times a second for nothing, and
 * no frame from before the pause is counted after it.
 */
final class PacketFlowCounter implements FlowCounter {

    private static final System.Logger LOG = System.getLogger(PacketFlowCounter.class.getName());
    private static final long ADDRESS_REFRESH_NANOS = 1_000_000_000L;
    private static final int POLL_MILLIS = 100;
    private static final int STATS_MILLIS = 10;
    /** Flow table slots to start with: a 1,024-slot table takes about 70 KB, a 65,536-slot one 4.5 MB. */
    static final int START_FLOWS = 1024;

    /** Owned by the capture thread (and by {@link #close} once that thread is gone); null while idle. */
    private CaptureRing ring;
    /** The capture thread sleeps on it while nothing is to be counted; {@link #countOnly} and {@link #close} wake it. */
    private final Object idle = new Object();
    private final FrameProcessor processor;
    private final Path procNet;
    private final int maxFlows;
    /** Guards the tables: the capture thread counts into {@link #active} under it; drain swaps them. */
    private final Object lock = new Object();
    private FlowTable active;
    private FlowTable spare;
    private final PacketRing.FrameConsumer counting = this::count;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile PacketFilter wantedFilter = PacketFilter.ALL;
    private volatile long ringBytes;
    private volatile int captureTid;
    private volatile Throwable failure;
    private long lastAddressRefresh;
    /** Flow table slots the next table swapped in should have; only grows. Guarded by this. */
    private int wantedFlows;
    private boolean closed;

    /**
     * Opens the ring and starts the capture thread.
     *
     * @param procNet where {@code fib_trie} and {@code if_inet6} are (normally {@code /proc/net})
     * @param maxFlows the most flow table slots (three quarters usable) per drain interval; the
     *     tables start at {@value #START_FLOWS} and grow with the flows seen in an interval
     * @throws IOException when the ring cannot be opened (e.g. no CAP_NET_RAW)
     */
    PacketFlowCounter(Path procNet, int maxFlows) throws IOException {
        this.procNet = procNet;
        this.maxFlows = maxFlows;
        this.processor = new FrameProcessor(LocalAddressReader.read(procNet));
        this.lastAddressRefresh = System.nanoTime();
        this.active = new FlowTable(Math.min(START_FLOWS, maxFlows));
        this.spare = new FlowTable(Math.min(START_FLOWS, maxFlows));
        this.ring = CaptureRing.open(CaptureRing.START_BLOCKS, PacketFilter.ALL);
        this.ringBytes = ring.size();
        this.thread = new Thread(this::captureLoop, "sstop-capture");
        thread.setDaemon(true);
        thread.start();
    }

    private void captureLoop() {
        captureTid = currentTid();
        PacketFilter filter = PacketFilter.ALL;
        long lastStats = System.nanoTime();
        try {
            while (running) {
                PacketFilter wanted = wantedFilter;
                if (wanted == PacketFilter.NONE) {
                    ring.close();
                    ring = null;
                    ringBytes = 0;
                    sleepWhileNothingToCount();
                    if (running) {
                        filter = wantedFilter;
                        ring = CaptureRing.open(CaptureRing.START_BLOCKS, filter);
                        ringBytes = ring.size();
                    }
                    continue;
                }
                if (wanted != filter) {
                    ring.setFilter(wanted);
                    filter = wanted;
                }
                if (ring.blockReady()) {
                    ring.countBlock(counting, lock);
                } else {
                    ring.poll(POLL_MILLIS);
                }
                long now = System.nanoTime();
                if (now - lastStats >= STATS_MILLIS * 1_000_000L) {
                    lastStats = now;
                    long drops = ring.statistics()[1];
                    if (drops > 0) {
                        synchronized (lock) {
                            active.packetsDropped += drops;
                        }
                    }
                }
                ring.growIfWanted(counting, lock);
                ringBytes = ring.size();
            }
        } catch (Throwable t) { // the thread must not die silently: drain() reports it
            failure = t;
            LOG.log(Level.ERROR, "packet capture stopped", t);
        }
    }

    private void sleepWhileNothingToCount() throws InterruptedException {
        synchronized (idle) {
            while (running && wantedFilter == PacketFilter.NONE) {
                idle.wait();
            }
        }
    }

    /** Counts one frame into the current table; called on the capture thread with the lock held. */
    private void count(ByteBuffer b, int mac, int captured, long wireLength, int networkOffset, int hatype,
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
        synchronized (this) {
            if (closed) {
                throw new IOException("closed");
            }
            if (failure != null) {
                throw new PermanentFailureException("packet capture thread failed", failure);
            }
            refreshAddresses();
            // Sized for what the table now in use will see, judged by what the last interval saw.
            FlowTable next = spare.capacity() >= wantedFlows ? spare : new FlowTable(wantedFlows);
            synchronized (lock) {
                full = active;
                active = next;
            }
            try {
                wantedFlows = Math.max(wantedFlows, full.capacityWanted(START_FLOWS, maxFlows));
                return new FlowSample(full.toDeltas(), full.packetsSeen, full.packetsDropped, full.forwardedBytes,
                        full.otherPackets, full.malformedPackets);
            } finally {
                full.clear();
                spare = full;
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

    /** {@inheritDoc} Without TCP, the kernel keeps only UDP frames (the capture thread applies it within ~0.1 s). */
    @Override
    public void countOnly(Set<Protocol> protocols) {
        boolean tcp = protocols.contains(Protocol.TCP);
        boolean udp = protocols.contains(Protocol.UDP);
        processor.countOnly(tcp, udp);
        wantedFilter = tcp ? PacketFilter.ALL : udp ? PacketFilter.UDP : PacketFilter.NONE;
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** The capture thread's Linux thread id (for measuring its CPU time), or -1 if unknown. */
    int captureThreadId() {
        return captureTid;
    }

    /** The packet ring's current size in bytes. */
    long ringBytes() {
        return ringBytes;
    }

    /**
     * Runs {@code action} while the capture thread cannot count (it waits for the table lock
     * before each block), as when it is descheduled on a busy machine: how tests fill the ring.
     */
    void whileCaptureStalled(Runnable action) {
        synchronized (lock) {
            action.run();
        }
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
        synchronized (idle) {
            idle.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "capture thread did not stop; leaving the ring mapped");
            return;
        }
        if (ring != null) {
            ring.close();
        }
    }
}
