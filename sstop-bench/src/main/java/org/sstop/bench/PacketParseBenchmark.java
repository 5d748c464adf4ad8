package org.sstop.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sstop.linux.procfs.FlowTable;
import org.sstop.linux.procfs.FrameProcessor;
import org.sstop.linux.procfs.LocalAddresses;

/**
 * The packet tier's per-frame cost: parsing a captured frame (Ethernet, IPv4/IPv6, TCP/UDP) and
 * counting it into the flow table (with the TCP retransmission check), over pre-built header-only
 * frames in a direct buffer laid out as in the ring. After the first pass the replayed TCP frames
 * look like retransmissions (their sequence numbers are behind): the same lookups, no new bytes.
 * Target: 5 million frames per second or more on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PacketParseBenchmark {

    private static final int FRAMES = 4096;
    private static final int STRIDE = 256;
    private static final int FLOWS = 1024;
    private static final int HOST = 0x0a000001;

    private ByteBuffer ring;
    private final int[] captured = new int[FRAMES];
    private final long[] wire = new long[FRAMES];
    private final int[] pkttype = new int[FRAMES];
    private FrameProcessor processor;
    private FlowTable table;

    /** Builds the frames: a mix of IPv4/IPv6, TCP/UDP, both directions, over {@value #FLOWS} flows. */
    @Setup
    public void setUp() {
        ring = ByteBuffer.allocateDirect(FRAMES * STRIDE).order(ByteOrder.BIG_ENDIAN);
        long[] local = {0, 0x0000_ffff_0000_0000L | HOST, 0x2001_0db8_0000_0000L, 1};
        processor = new FrameProcessor(LocalAddresses.of(local, 2));
        table = new FlowTable(1 << 16);
        Random r = new Random(1);
        long expectedPayload = 0;
        int[] nextSeq = new int[FLOWS * 2]; // per flow and direction: TCP sequence numbers advance
        for (int k = 0; k < nextSeq.length; k++) {
            nextSeq[k] = r.nextInt();
        }
        for (int i = 0; i < FRAMES; i++) {
            int base = i * STRIDE;
            int flow = r.nextInt(FLOWS);
            boolean v6 = flow % 4 == 0;
            boolean udp = flow % 3 == 0;
            boolean out = r.nextBoolean();
            int payload = r.nextInt(1449);
            int l4 = udp ? 8 : 32;
            ring.putShort(base + 12, (short) (v6 ? 0x86DD : 0x0800));
            int ip = base + 14;
            int ipLen;
            if (v6) {
                ipLen = 40;
                ring.putInt(ip, 0x6000_0000);
                ring.putShort(ip + 4, (short) (l4 + payload));
                ring.put(ip + 6, (byte) (udp ? 17 : 6));
                long hostLow = 1;
                long peerLow = 0x1000 + flow;
                ring.putLong(ip + 8, 0x2001_0db8_0000_0000L);
                ring.putLong(ip + 16, out ? hostLow : peerLow);
                ring.putLong(ip + 24, 0x2001_0db8_0000_0000L);
                ring.putLong(ip + 32, out ? peerLow : hostLow);
            } else {
                ipLen = 20;
                ring.put(ip, (byte) 0x45);
                ring.putShort(ip + 2, (short) (20 + l4 + payload));
                ring.putShort(ip + 6, (short) 0x4000);
                ring.put(ip + 9, (byte) (udp ? 17 : 6));
                int peer = 0xc0a8_0000 | flow;
                ring.putInt(ip + 12, out ? HOST : peer);
                ring.putInt(ip + 16, out ? peer : HOST);
            }
            int t = ip + ipLen;
            int hostPort = 40000 + flow;
            int peerPort = udp ? 443 : 80;
            ring.putShort(t, (short) (out ? hostPort : peerPort));
            ring.putShort(t + 2, (short) (out ? peerPort : hostPort));
            if (udp) {
                ring.putShort(t + 4, (short) (8 + payload));
            } else {
                ring.putInt(t + 4, nextSeq[flow * 2 + (out ? 1 : 0)]);
                nextSeq[flow * 2 + (out ? 1 : 0)] += payload;
                ring.put(t + 12, (byte) 0x80);
            }
            captured[i] = Math.min(14 + ipLen + l4 + payload, 128);
            wire[i] = 14 + ipLen + l4 + payload;
            pkttype[i] = out ? FrameProcessor.PACKET_OUTGOING : FrameProcessor.PACKET_HOST;
            expectedPayload += payload;
        }
        // Guard against measuring a fast reject path: one pass must count every payload byte.
        parseAndCount();
        long counted = table.toDeltas().stream().mapToLong(d -> d.bytesIn() + d.bytesOut()).sum();
        if (counted != expectedPayload || table.size() == 0) {
            throw new IllegalStateException("frames not parsed: counted " + counted + " of " + expectedPayload);
        }
    }

    /** Parses and counts {@value #FRAMES} frames; the score is frames per second. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int parseAndCount() {
        FlowTable t = table;
        for (int i = 0; i < FRAMES; i++) {
            processor.process(ring, i * STRIDE, captured[i], wire[i], 14, FrameProcessor.ARPHRD_ETHER, pkttype[i], t);
        }
        return t.size();
    }
}
