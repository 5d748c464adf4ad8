package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/**
 * The packet ring starts small and grows when it drops: a loopback UDP burst sent while the
 * capture thread is stalled overflows the first ring; the ring grows; the same burst, stalled the
 * same way, is then counted exactly, without a drop.
 */
class PacketFlowCounterGrowthTest {

    /** Two frames a datagram on lo (the outgoing and the incoming copy): ~2.5 times the first ring. */
    private static final int DATAGRAMS = 6_000;
    private static final int SIZE = 200;
    private static final long FIRST_RING = (long) CaptureRing.START_BLOCKS * CaptureRing.BLOCK_SIZE;

    /** The first line of a mapping in smaps: its address range. */
    private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    private PacketFlowCounter counter;

    @BeforeEach
    void open() throws Exception {
        CiAssume.that(Host.isLinux(), "needs Linux");
        Availability a = new PacketFlowCounterProvider().availability();
        CiAssume.that(a.available(), "AF_PACKET unavailable: " + a.reason());
        counter = new PacketFlowCounter(Path.of("/proc/net"), 1 << 14);
        counter.countOnly(EnumSet.of(Protocol.UDP)); // as with the netlink tier: other traffic stays out
        Thread.sleep(300); // the capture thread applies the UDP-only filter between two polls
    }

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close();
        }
    }

    @Test
    void aRingThatDropsGrowsAndThenCountsTheSameBurstExactly() throws Exception {
        assertEquals(FIRST_RING, counter.ringBytes(), "starts small");
        assertEquals(FIRST_RING, ringResidentBytes(), "the ring is all the packet memory resident");

        FlowTotals first = new FlowTotals();
        burst(first);
        first.drainUntil(counter, t -> t.drops > 0 && counter.ringBytes() > FIRST_RING);
        assertTrue(first.drops > 0, "the first ring overflowed and said so");
        long grown = counter.ringBytes();
        assertTrue(grown > FIRST_RING, "grown to " + grown);
        assertEquals(grown, ringResidentBytes(), "the old ring is unmapped, the new one resident");

        for (int round = 0; round < 2; round++) {
            FlowTotals later = new FlowTotals();
            FlowTotals.Sum sum = burst(later);
            assertEquals(0, later.drops, "no drops once grown");
            assertEquals((long) DATAGRAMS * SIZE, sum.bytesOut + sum.bytesIn, "every byte of the burst");
            assertEquals(DATAGRAMS, sum.packetsOut + sum.packetsIn, "every datagram, once");
            assertEquals(grown, counter.ringBytes(), "no growth needed any more");
        }
    }

    /**
     * Sends {@value #DATAGRAMS} datagrams over loopback on a new flow while the capture thread is
     * stalled, then drains into {@code totals} until they are all counted (or 10 s pass).
     *
     * @return the flow's sums
     */
    private FlowTotals.Sum burst(FlowTotals totals) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            InetSocketAddress to = (InetSocketAddress) rx.getLocalAddress();
            counter.whileCaptureStalled(() -> {
                try {
                    for (int i = 0; i < DATAGRAMS; i++) {
                        tx.send(ByteBuffer.allocate(SIZE), to); // the tap sees it whether rx keeps it or not
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Endpoint a = new Endpoint(IpAddress.of(lo), ((InetSocketAddress) tx.getLocalAddress()).getPort());
            Endpoint b = new Endpoint(IpAddress.of(lo), to.getPort());
            // A loopback flow's local end is the lower endpoint.
            String key = a.port() < b.port() ? "UDP " + a + " " + b : "UDP " + b + " " + a;
            long expected = (long) DATAGRAMS * SIZE;
            totals.drainUntil(counter, t -> t.drops > 0
                    || (t.get(key) != null && t.get(key).bytesOut + t.get(key).bytesIn >= expected));
            FlowTotals.Sum sum = totals.get(key);
            assertNotNull(sum, "no flow " + key + " among " + totals.flows.keySet());
            return sum;
        }
    }

    /** Resident bytes of this process's packet ring mappings ({@code socket:[...]} in smaps). */
    static long ringResidentBytes() throws IOException {
        long kib = 0;
        boolean ring = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (MAPPING.matcher(line).lookingAt()) {
                ring = line.endsWith("]") && line.contains(" socket:[");
            } else if (ring && line.startsWith("Rss:")) {
                kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kib * 1024;
    }
}
