package org.sstop.linux.procfs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@code AF_PACKET} socket on all interfaces with a {@code TPACKET_V3} receive ring mapped into
 * memory. A BPF filter ({@link PacketFilter}) truncates every frame it keeps to {@link #SNAPLEN}
 * bytes (the kernel still reports the real length in {@code tp_len}), so the ring holds headers
 * only. Blocks are handed over by their status word: the kernel sets {@code TP_STATUS_USER}, we
 * read every frame of the block and write {@code TP_STATUS_KERNEL} back; no system call per packet.
 *
 * <p>Rings can share the traffic through a fanout group whose BPF program sends every packet to
 * exactly one member: that is how a bigger ring takes over from a smaller one without a packet
 * lost or seen twice ({@link CaptureRing}). Not thread-safe: one capture thread uses it.
 */
final class PacketRing implements AutoCloseable {

    /**
     * Bytes kept of each frame: Ethernet (+ VLAN tags) + IPv4 with options or IPv6 with common
     * extension headers + the transport header up to TCP's data offset. Frames whose headers do
     * not fit are counted as malformed, not guessed.
     */
    static final int SNAPLEN = 128;
    private static final int TP_STATUS_KERNEL = 0;
    private static final int TP_STATUS_USER = 1;
    /** tpacket_block_desc: version, offset_to_priv, then tpacket_hdr_v1. */
    private static final int BLOCK_STATUS = 8;
    private static final int BLOCK_NUM_PKTS = 12;
    private static final int BLOCK_FIRST = 16;
    private static final int BLOCK_SEQ = 24;
    /** tpacket3_hdr fields. */
    private static final int TP_NEXT = 0;
    private static final int TP_SNAPLEN = 12;
    private static final int TP_LEN = 16;
    private static final int TP_MAC = 24;
    private static final int TP_NET = 26;
    /** sockaddr_ll follows the 48-byte tpacket3_hdr (TPACKET_ALIGN'ed). */
    private static final int SLL = 48;
    private static final int SLL_HATYPE = SLL + 8;
    private static final int SLL_PKTTYPE = SLL + 10;
    private static final int SLL_END = SLL + 20;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final int fd;
    private final Pointer map;
    private final long mapSize;
    private final ByteBuffer ring; // native order: tpacket headers
    private final ByteBuffer net; // big-endian view of the same memory: packet bytes
    private final int blockSize;
    private final int blockCount;
    private final byte[] pollFd = new byte[8];
    private int current;
    /** Sequence number of the last block read (the kernel numbers the blocks it opens from 1). */
    private long lastSeq;
    private boolean closed;

    private PacketRing(int fd, Pointer map, long mapSize, int blockSize, int blockCount) {
        this.fd = fd;
        this.map = map;
        this.mapSize = mapSize;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.ring = map.getByteBuffer(0, mapSize).order(ByteOrder.nativeOrder());
        this.net = ring.duplicate().order(ByteOrder.BIG_ENDIAN);
        ByteBuffer p = ByteBuffer.wrap(pollFd).order(ByteOrder.nativeOrder());
        p.putInt(0, fd);
        p.putShort(4, (short) (Libc.POLLIN | Libc.POLLERR));
    }

    /**
     * Opens the socket and maps the ring.
     *
     * @param blockSize bytes per block, a power-of-two multiple of the page size
     * @param blockCount number of blocks
     * @param retireMillis how long the kernel may hold a partly filled block before handing it over
     * @param filter which frames to keep ({@link PacketFilter#NONE} for a ring that is to join a
     *     fanout group before it counts anything)
     * @return the ring, capturing on every interface
     * @throws IOException when the socket or the ring cannot be set up (EPERM: no CAP_NET_RAW)
     */
    static PacketRing open(int blockSize, int blockCount, int retireMillis, PacketFilter filter) throws IOException {
        Throwable loadError = Libc.loadError();
        if (loadError != null) {
            throw new IOException("JNA cannot call libc here: " + loadError, loadError);
        }
        // Protocol 0: nothing is queued until the ring is ready and we bind to ETH_P_ALL.
        int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw new IOException(socketError(errno), new ErrnoException("socket(AF_PACKET)", errno));
        }
        Pointer map = null;
        long mapSize = (long) blockSize * blockCount;
        try (Memory opt = new Memory(32)) {
            opt.setInt(0, Libc.TPACKET_V3);
            Libc.check(Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_VERSION, opt, 4), "setsockopt(PACKET_VERSION)");
            attachFilter(fd, filter);
            int frameSize = 2048;
            opt.clear();
            opt.setInt(0, blockSize);
            opt.setInt(4, blockCount);
            opt.setInt(8, frameSize);
            opt.setInt(12, blockSize / frameSize * blockCount);
            opt.setInt(16, retireMillis);
            opt.setInt(20, 0); // sizeof_priv
            opt.setInt(24, 0); // feature_req_word
            Libc.check(Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_RX_RING, opt, 28),
                    "setsockopt(PACKET_RX_RING)");
            map = Libc.mmap(null, mapSize, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
            if (map == null || Pointer.nativeValue(map) == -1L) {
                int errno = Native.getLastError();
                map = null;
                throw new ErrnoException("mmap of the packet ring (" + (mapSize >> 10) + " KiB)", errno);
            }
            byte[] sll = new byte[20];
            ByteBuffer s = ByteBuffer.wrap(sll).order(ByteOrder.nativeOrder());
            s.putShort(0, (short) Libc.AF_PACKET);
            s.putShort(2, (short) Libc.htons(Libc.ETH_P_ALL));
            s.putInt(4, 0); // every interface
            Libc.check(Libc.bind(fd, sll, sll.length), "bind(AF_PACKET)");
            return new PacketRing(fd, map, mapSize, blockSize, blockCount);
        } catch (ErrnoException e) {
            if (map != null) {
                Libc.munmap(map, mapSize);
            }
            Libc.close(fd);
            throw new IOException("packet ring setup failed: " + e.getMessage(), e);
        }
    }

    /** Why an {@code AF_PACKET} socket could not be opened, in words a user can act on. */
    static String socketError(int errno) {
        if (errno == Libc.EPERM || errno == Libc.EACCES) {
            return "needs CAP_NET_RAW (run as root or setcap cap_net_raw)";
        }
        if (errno == Libc.EAFNOSUPPORT) {
            return "the kernel has no AF_PACKET support (CONFIG_PACKET): errno " + errno;
        }
        return "cannot open an AF_PACKET socket: errno " + errno;
    }

    private static void attachFilter(int fd, PacketFilter filter) throws ErrnoException {
        try (Memory program = filter.toNative()) {
            Libc.check(Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, program, 16),
                    "setsockopt(SO_ATTACH_FILTER)");
        }
    }

    /** Replaces the filter: frames already in the ring stay. */
    void setFilter(PacketFilter filter) throws ErrnoException {
        attachFilter(fd, filter);
    }

    /**
     * Creates a fanout group with a kernel-chosen id and this ring as its only member (member 0).
     * The group sends every packet to the member its BPF program names ({@link #steerFanout}).
     *
     * @return the group's id, for {@link #joinFanout}
     * @throws ErrnoException when the kernel refuses (an old kernel without kernel-chosen ids or BPF fanout)
     */
    int createFanout() throws ErrnoException {
        setIntOption(Libc.PACKET_FANOUT, (Libc.PACKET_FANOUT_CBPF | Libc.PACKET_FANOUT_FLAG_UNIQUEID) << 16,
                "setsockopt(PACKET_FANOUT)");
        byte[] value = new byte[4];
        int[] len = {4};
        Libc.check(Libc.getsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_FANOUT, value, len), "getsockopt(PACKET_FANOUT)");
        steerFanout(0);
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt(0) & 0xffff;
    }

    /** Joins the fanout group {@code id} as its next member (member 1 when the group has one). */
    void joinFanout(int id) throws ErrnoException {
        setIntOption(Libc.PACKET_FANOUT, id | Libc.PACKET_FANOUT_CBPF << 16, "setsockopt(PACKET_FANOUT)");
    }

    /**
     * Sends every packet of this ring's fanout group to member {@code index}. When this returns,
     * the kernel has finished delivering every packet it sent elsewhere before (it waits for an RCU
     * grace period before it frees the previous program).
     */
    void steerFanout(int index) throws ErrnoException {
        try (Memory program = PacketFilter.fanoutTo(index).toNative()) {
            Libc.check(Libc.setsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_FANOUT_DATA, program, 16),
                    "setsockopt(PACKET_FANOUT_DATA)");
        }
    }

    private void setIntOption(int name, int value, String call) throws ErrnoException {
        try (Memory m = new Memory(4)) {
            m.setInt(0, value);
            Libc.check(Libc.setsockopt(fd, Libc.SOL_PACKET, name, m, 4), call);
        }
    }

    /** Whether the next block is ours to read. */
    boolean blockReady() {
        return ((int) INT.getAcquire(ring, current * blockSize + BLOCK_STATUS) & TP_STATUS_USER) != 0;
    }

    /** Waits up to {@code timeoutMillis} for the ring to have data (or an error). */
    void poll(int timeoutMillis) throws ErrnoException {
        if (Libc.poll(pollFd, 1, timeoutMillis) < 0) {
            int errno = Native.getLastError();
            if (errno != Libc.EINTR) {
                throw new ErrnoException("poll(AF_PACKET)", errno);
            }
        }
    }

    /**
     * Whether the kernel is three quarters of a ring or more ahead of the reader, close to
     * dropping: the block three quarters of a ring after the next one is ready too.
     */
    boolean backlogged() {
        int ahead = (current + blockCount * 3 / 4) % blockCount;
        return ((int) INT.getAcquire(ring, ahead * blockSize + BLOCK_STATUS) & TP_STATUS_USER) != 0;
    }

    /**
     * Counts every frame of the current block (which must be {@link #blockReady() ready}). Offsets
     * written by the kernel are still checked against the block's bounds.
     *
     * @return the number of frames in the block
     */
    int processBlock(FrameConsumer consumer) {
        int base = current * blockSize;
        lastSeq = ring.getLong(base + BLOCK_SEQ);
        return frames(base, ring.getInt(base + BLOCK_NUM_PKTS), consumer);
    }

    /**
     * Counts the frames of the block the kernel is filling, without taking it: only for a ring
     * that receives nothing more (steered away from, the kernel's grace period over), whose
     * ready blocks were all counted. A block the kernel has not opened since the last one read
     * (its sequence number is not the next) holds nothing new.
     *
     * @return the number of frames counted, or -1 when the block was handed over meanwhile (by
     *     the kernel's retire timer) and is to be counted as a ready block
     */
    int processOpenBlock(FrameConsumer consumer) {
        int base = current * blockSize;
        if (blockReady()) {
            return -1;
        }
        if (ring.getLong(base + BLOCK_SEQ) != lastSeq + 1) {
            return 0;
        }
        return frames(base, ring.getInt(base + BLOCK_NUM_PKTS), consumer);
    }

    private int frames(int base, int count, FrameConsumer consumer) {
        int end = base + blockSize;
        long off = ring.getInt(base + BLOCK_FIRST) & 0xffff_ffffL;
        int n = 0;
        for (; n < count; n++) {
            if (off < 0 || base + off + SLL_END > end) {
                break;
            }
            int h = base + (int) off;
            int snap = ring.getInt(h + TP_SNAPLEN);
            long len = ring.getInt(h + TP_LEN) & 0xffff_ffffL;
            int mac = ring.getShort(h + TP_MAC) & 0xffff;
            int netOff = ring.getShort(h + TP_NET) & 0xffff;
            if (snap >= 0 && (long) h + mac + snap <= end) {
                consumer.frame(net, h + mac, snap, len, netOff - mac, ring.getShort(h + SLL_HATYPE) & 0xffff,
                        ring.get(h + SLL_PKTTYPE) & 0xff);
            }
            long next = ring.getInt(h + TP_NEXT) & 0xffff_ffffL;
            if (next == 0) {
                break;
            }
            off += next;
        }
        return n;
    }

    /** Receives each frame of a block; arguments as in {@link FrameProcessor#process}. */
    @FunctionalInterface
    interface FrameConsumer {
        void frame(ByteBuffer b, int mac, int captured, long wireLength, int networkOffset, int hatype, int pkttype);
    }

    /** Returns the current block to the kernel and moves to the next. */
    void releaseBlock() {
        INT.setRelease(ring, current * blockSize + BLOCK_STATUS, TP_STATUS_KERNEL);
        current = (current + 1) % blockCount;
    }

    /**
     * Reads and resets the kernel's counters ({@code PACKET_STATISTICS}, {@code tpacket_stats_v3}).
     *
     * @return {tp_packets, tp_drops, tp_freeze_q_cnt} since the previous call
     */
    long[] statistics() throws IOException {
        byte[] st = new byte[12];
        int[] len = {12};
        Libc.check(Libc.getsockopt(fd, Libc.SOL_PACKET, Libc.PACKET_STATISTICS, st, len),
                "getsockopt(PACKET_STATISTICS)");
        ByteBuffer b = ByteBuffer.wrap(st).order(ByteOrder.nativeOrder());
        return new long[] {b.getInt(0) & 0xffff_ffffL, b.getInt(4) & 0xffff_ffffL, b.getInt(8) & 0xffff_ffffL};
    }

    /** The ring's size in bytes. */
    long size() {
        return mapSize;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.munmap(map, mapSize);
        Libc.close(fd);
    }
}
