package org.sstop.linux.procfs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The capture thread's packet ring, sized for the packet rate: it starts at {@value #START_BLOCKS}
 * blocks of {@value #BLOCK_SIZE} bytes (1 MiB, all of it resident) and grows, up to
 * {@value #MAX_BLOCKS} blocks (16 MiB), when the kernel drops packets for want of room or runs
 * three quarters of a ring ahead of the reader. It never shrinks.
 *
 * <p>Growing opens a bigger ring on a new socket and hands the traffic over without losing or
 * repeating a packet: both rings are members of one fanout group whose BPF program sends every
 * packet to exactly one member. The new ring joins (its own filter drops everything until it is
 * a member, so it sees nothing twice), the program is switched to it, and the kernel's RCU grace
 * period, which that switch waits for, ends every delivery to the old ring; its remaining frames
 * are then counted and it is closed. Where the kernel refuses such a group (an old kernel) the
 * ring opens at its largest size and stays so.
 *
 * <p>Not thread-safe: only the capture thread uses it (the counter opens and closes it); frames are
 * counted under the lock the caller passes, which guards the table they are counted into.
 */
final class CaptureRing implements AutoCloseable {

    private static final Logger LOG = System.getLogger(CaptureRing.class.getName());

    /** Bytes per block: ~310 header-only frames. */
    static final int BLOCK_SIZE = 64 << 10;
    /** Blocks at first: 1 MiB, enough for a host whose counted traffic is mostly UDP. */
    static final int START_BLOCKS = 16;
    /**
     * The most blocks: 16 MiB, ~80,000 frames. A 64 KiB-segment loopback transfer at 5 GB/s fills
     * it in ~1 s, long enough to ride out the capture thread being descheduled on a busy machine.
     */
    static final int MAX_BLOCKS = 256;
    /** A block is handed over at the latest this long after its first packet. */
    private static final int RETIRE_MILLIS = 10;

    private PacketRing ring;
    private PacketFilter filter;
    /** The fanout group the rings share, or -1 when the kernel has none: then the ring cannot grow. */
    private final int fanoutId;
    private int maxBlocks;
    private int blocks;
    private int wantedBlocks;
    /** Kernel counts of rings already closed, not yet returned by {@link #statistics()}. */
    private long retiredPackets;
    private long retiredDrops;

    private CaptureRing(PacketRing ring, PacketFilter filter, int fanoutId, int blocks, int maxBlocks) {
        this.ring = ring;
        this.filter = filter;
        this.fanoutId = fanoutId;
        this.blocks = blocks;
        this.maxBlocks = maxBlocks;
    }

    /**
     * Opens the first ring.
     *
     * @param startBlocks blocks at first, up to {@value #MAX_BLOCKS}
     * @param filter which frames to keep
     * @throws IOException when no ring can be opened (e.g. no CAP_NET_RAW)
     */
    static CaptureRing open(int startBlocks, PacketFilter filter) throws IOException {
        PacketRing first = PacketRing.open(BLOCK_SIZE, startBlocks, RETIRE_MILLIS, filter);
        try {
            int id = first.createFanout();
            return new CaptureRing(first, filter, id, startBlocks, MAX_BLOCKS);
        } catch (ErrnoException e) {
            first.close();
            LOG.log(Level.INFO, "no packet fanout groups here ({0}): the packet ring takes its largest size,"
                    + " {1} MiB, at once", e.getMessage(), (long) MAX_BLOCKS * BLOCK_SIZE >> 20);
            PacketRing largest = PacketRing.open(BLOCK_SIZE, MAX_BLOCKS, RETIRE_MILLIS, filter);
            return new CaptureRing(largest, filter, -1, MAX_BLOCKS, MAX_BLOCKS);
        }
    }

    /** Whether a block is ready to count. */
    boolean blockReady() {
        return ring.blockReady();
    }

    /** Waits up to {@code timeoutMillis} for a block. */
    void poll(int timeoutMillis) throws ErrnoException {
        ring.poll(timeoutMillis);
    }

    /**
     * Counts the ready block under {@code lock} and gives it back to the kernel. A reader three
     * quarters of a ring behind asks for a ring twice as big.
     */
    void countBlock(PacketRing.FrameConsumer consumer, Object lock) {
        synchronized (lock) {
            ring.processBlock(consumer);
        }
        ring.releaseBlock();
        if (ring.backlogged()) {
            want(2 * blocks);
        }
    }

    /** Keeps only the frames {@code next} keeps, from now on (frames in the ring stay). */
    void setFilter(PacketFilter next) throws ErrnoException {
        ring.setFilter(next);
        filter = next;
    }

    /**
     * The kernel's counts since the previous call, of every ring. Drops ask for a ring big enough
     * for all the packets of that interval with half as much to spare, so that they fill less than
     * the three quarters that count as falling behind.
     *
     * @return {packets received (drops included), packets dropped}
     */
    long[] statistics() throws IOException {
        long[] st = ring.statistics();
        long packets = st[0] + retiredPackets;
        long drops = st[1] + retiredDrops;
        retiredPackets = 0;
        retiredDrops = 0;
        if (drops > 0) {
            long kept = packets - drops;
            want(kept <= 0 ? maxBlocks : (int) Math.min(maxBlocks, (long) Math.ceil(blocks * 1.5 * packets / kept)));
        }
        return new long[] {packets, drops};
    }

    private void want(int target) {
        wantedBlocks = Math.max(wantedBlocks, Math.min(maxBlocks, target));
    }

    /**
     * Moves to a bigger ring if one was asked for: of the size asked, but at least twice the
     * current one, so that a rising rate costs few handovers.
     */
    void growIfWanted(PacketRing.FrameConsumer consumer, Object lock) {
        if (wantedBlocks > blocks) {
            growTo(Math.min(Math.max(wantedBlocks, 2 * blocks), maxBlocks), consumer, lock);
        }
    }

    /**
     * Hands the traffic over to a new ring of {@code target} blocks; frames left in the old ring
     * are counted under {@code lock}. A ring that cannot be opened or joined stops growth for good,
     * with a warning; counting goes on in the current one.
     *
     * @param target blocks of the new ring (nothing happens unless that is more than now and the
     *     kernel has fanout groups)
     */
    void growTo(int target, PacketRing.FrameConsumer consumer, Object lock) {
        if (fanoutId < 0 || target <= blocks) {
            return;
        }
        PacketRing next;
        try {
            next = PacketRing.open(BLOCK_SIZE, target, RETIRE_MILLIS, PacketFilter.NONE);
        } catch (IOException e) {
            stopGrowing(target, e);
            return;
        }
        try {
            ring.steerFanout(0); // the current ring is member 0, the only one
            next.joinFanout(fanoutId); // member 1: gets nothing until steered to
            next.setFilter(filter);
            ring.steerFanout(1); // returns once no delivery to the current ring is in flight
        } catch (ErrnoException e) {
            next.close();
            stopGrowing(target, e);
            return;
        }
        PacketRing old = ring;
        ring = next;
        blocks = target;
        try {
            retire(old, consumer, lock);
        } finally {
            old.close();
        }
        LOG.log(Level.DEBUG, "packet ring grown to {0} KiB", (long) target * BLOCK_SIZE >> 10);
    }

    /** Counts what {@code old}, which receives nothing any more, still holds, and keeps its kernel counts. */
    private void retire(PacketRing old, PacketRing.FrameConsumer consumer, Object lock) {
        boolean openBlockCounted = false;
        while (!openBlockCounted) {
            // The old ring's retire timer still runs: it can hand its open block over between
            // two looks, and then that block is counted as a ready one.
            while (old.blockReady()) {
                synchronized (lock) {
                    old.processBlock(consumer);
                }
                old.releaseBlock();
            }
            synchronized (lock) {
                openBlockCounted = old.processOpenBlock(consumer) >= 0;
            }
        }
        try {
            long[] st = old.statistics();
            retiredPackets += st[0];
            retiredDrops += st[1];
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the retired packet ring's drop count: {0}", e.getMessage());
        }
    }

    private void stopGrowing(int target, Exception e) {
        maxBlocks = blocks;
        wantedBlocks = blocks;
        LOG.log(Level.WARNING, "cannot grow the packet ring to {0} KiB ({1}): it stays at {2} KiB",
                (long) target * BLOCK_SIZE >> 10, e.getMessage(), (long) blocks * BLOCK_SIZE >> 10);
    }

    /** The current ring's size in bytes. */
    long size() {
        return ring.size();
    }

    @Override
    public void close() {
        ring.close();
    }
}
