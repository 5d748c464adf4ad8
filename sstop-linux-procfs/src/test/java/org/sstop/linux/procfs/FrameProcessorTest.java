package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.FlowDelta;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

/** Direction, loopback de-duplication, non-local traffic and the bounded table. */
class FrameProcessorTest {

    private static final int HOST = 0x0a000001; // 10.0.0.1, this host
    private static final int PEER = 0x0a000002;
    private static final int OTHER_A = 0xc0a80005; // two hosts behind this router
    private static final int OTHER_B = 0xc0a80006;
    private static final int LO = 0x7f000001;

    private final FrameProcessor processor = new FrameProcessor(
            LocalAddresses.of(new long[] {0, LocalAddresses.v4Low(HOST)}, 1));
    private final FlowTable table = new FlowTable(64);

    private void send(int hatype, int pkttype, int src, int sport, int dst, int dport, int payload) {
        Frames f = Frames.create().ethernet(0x0800).ipv4(17, src, dst, 0, 28 + payload, 1, 0).udp(sport, dport, 8 + payload);
        processor.process(f.buffer(), 0, f.length(), f.length() + payload, 14, hatype, pkttype, table);
    }

    private static Endpoint ep(int a, int port) {
        return new Endpoint(IpAddress.ofV4(a), port);
    }

    @Test
    void outgoingIsChargedToTheSourceAndIncomingToTheDestination() {
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_OUTGOING, HOST, 5000, PEER, 53, 100);
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_HOST, PEER, 53, HOST, 5000, 300);
        List<FlowDelta> flows = table.toDeltas();
        assertEquals(List.of(new FlowDelta(Protocol.UDP, ep(HOST, 5000), ep(PEER, 53), 100, 300, 1, 1, false)), flows);
    }

    @Test
    void loopbackPacketsAreCountedOnceOnOneFlow() {
        for (int pkttype : new int[] {FrameProcessor.PACKET_OUTGOING, FrameProcessor.PACKET_HOST}) {
            send(FrameProcessor.ARPHRD_LOOPBACK, pkttype, LO, 40000, LO, 8080, 1000);
        }
        for (int pkttype : new int[] {FrameProcessor.PACKET_OUTGOING, FrameProcessor.PACKET_HOST}) {
            send(FrameProcessor.ARPHRD_LOOPBACK, pkttype, LO, 8080, LO, 40000, 10);
        }
        List<FlowDelta> flows = table.toDeltas();
        // The lower endpoint (port 8080) is the flow's local end.
        assertEquals(List.of(new FlowDelta(Protocol.UDP, ep(LO, 8080), ep(LO, 40000), 10, 1000, 1, 1, true)), flows);
        assertEquals(2, table.packetsSeen, "the outgoing copies are not seen twice");
    }

    private void tcp(int pkttype, int src, int sport, int dst, int dport, int payload) {
        Frames f = Frames.create().ethernet(0x0800).ipv4(6, src, dst, 0, 40 + payload, 1, 0x4000).tcp(sport, dport, 5);
        processor.process(f.buffer(), 0, f.length(), f.length() + payload, 14, FrameProcessor.ARPHRD_ETHER, pkttype, table);
    }

    @Test
    void retransmissionsAreNotRecountedEitherWay() {
        // Frames.tcp always writes sequence number 1: every repeat is a retransmission of the first.
        tcp(FrameProcessor.PACKET_OUTGOING, HOST, 5000, PEER, 443, 1000);
        tcp(FrameProcessor.PACKET_OUTGOING, HOST, 5000, PEER, 443, 1000);
        tcp(FrameProcessor.PACKET_HOST, PEER, 443, HOST, 5000, 700);
        tcp(FrameProcessor.PACKET_HOST, PEER, 443, HOST, 5000, 700);
        assertEquals(List.of(new FlowDelta(Protocol.TCP, ep(HOST, 5000), ep(PEER, 443), 1000, 700, 2, 2, false)),
                table.toDeltas());
    }

    @Test
    void protocolsLeftOutAreSeenButNotCounted() {
        processor.countOnly(false, true);
        tcp(FrameProcessor.PACKET_OUTGOING, HOST, 5000, PEER, 443, 1000);
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_OUTGOING, HOST, 5000, PEER, 53, 100);
        assertEquals(List.of(new FlowDelta(Protocol.UDP, ep(HOST, 5000), ep(PEER, 53), 100, 0, 1, 0, false)), table.toDeltas());
        assertEquals(2, table.packetsSeen);
        table.clear();
        processor.countOnly(true, true);
        tcp(FrameProcessor.PACKET_OUTGOING, HOST, 5001, PEER, 443, 1000);
        assertEquals(List.of(new FlowDelta(Protocol.TCP, ep(HOST, 5001), ep(PEER, 443), 1000, 0, 1, 0, false)), table.toDeltas());
    }

    @Test
    void forwardedTrafficIsNotChargedToAnyFlow() {
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_HOST, OTHER_A, 1, OTHER_B, 2, 500);
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_OUTGOING, OTHER_A, 1, OTHER_B, 2, 500);
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_OTHERHOST, OTHER_A, 1, OTHER_B, 2, 500);
        assertTrue(table.toDeltas().isEmpty());
        assertEquals(1500, table.forwardedBytes);
    }

    @Test
    void broadcastIsReceivedOnItsDestination() {
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_BROADCAST, PEER, 68, 0xffffffff, 67, 300);
        FlowDelta d = table.toDeltas().get(0);
        assertEquals(ep(0xffffffff, 67), d.local());
        assertEquals(300, d.bytesIn());
        assertFalse(d.loopback());
    }

    @Test
    void addressesCanBeReplaced() {
        processor.setLocalAddresses(LocalAddresses.of(new long[] {0, LocalAddresses.v4Low(OTHER_B)}, 1));
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_HOST, OTHER_A, 1, OTHER_B, 2, 500);
        send(FrameProcessor.ARPHRD_ETHER, FrameProcessor.PACKET_HOST, PEER, 1, HOST, 2, 500);
        assertEquals(1, table.toDeltas().size());
        assertEquals(500, table.forwardedBytes);
    }

    @Test
    void aFullTableCountsNewFlowsAsUnattributedAndKeepsEveryByte() {
        FlowTable small = new FlowTable(16); // 12 usable slots
        for (int port = 1; port <= 20; port++) {
            small.add(true, false, 0, LocalAddresses.v4Low(HOST), port, 0, LocalAddresses.v4Low(PEER), 53, true, 100);
        }
        small.add(true, false, 0, LocalAddresses.v4Low(HOST), 1, 0, LocalAddresses.v4Low(PEER), 53, true, 100);
        List<FlowDelta> flows = small.toDeltas();
        assertEquals(13, flows.size(), "12 flows and the unattributed bucket");
        assertEquals(2100, flows.stream().mapToLong(FlowDelta::bytesOut).sum());
        FlowDelta bucket = flows.get(12);
        assertEquals(FlowTable.UNATTRIBUTED, bucket.local());
        assertEquals(FlowTable.UNATTRIBUTED, bucket.remote());
        assertEquals(800, bucket.bytesOut());
        assertEquals(8, bucket.packetsOut());
        assertEquals(200, flows.get(0).bytesOut(), "an existing flow still counts");
        small.clear();
        assertTrue(small.toDeltas().isEmpty());
        small.add(false, false, 0, 1, 2, 0, 3, 4, false, 7);
        assertEquals(List.of(new FlowDelta(Protocol.TCP, new Endpoint(new IpAddress(0, 1), 2), new Endpoint(new IpAddress(0, 3), 4),
                0, 7, 0, 1, false)), small.toDeltas());
    }

    @Test
    void unmatchedFragmentsAreUnattributedNotDropped() {
        Frames later = Frames.create().ethernet(0x0800).ipv4(17, PEER, HOST, 0, 20 + 800, 4242, 100).zeros(4);
        processor.process(later.buffer(), 0, later.length(), 14 + 820, 14, FrameProcessor.ARPHRD_ETHER,
                FrameProcessor.PACKET_HOST, table);
        List<FlowDelta> flows = table.toDeltas();
        assertEquals(1, flows.size());
        assertEquals(FlowTable.UNATTRIBUTED, flows.get(0).local());
        assertEquals(800, flows.get(0).bytesIn());
    }

    @Test
    void localAddressSetHoldsLoopbackImplicitly() {
        LocalAddresses set = LocalAddresses.of(new long[] {0x20010db8_00000000L, 5}, 1);
        assertTrue(set.contains(0x20010db8_00000000L, 5));
        assertFalse(set.contains(0x20010db8_00000000L, 6));
        assertTrue(set.contains(0, 1), "::1");
        assertTrue(set.contains(0, LocalAddresses.v4Low(0x7f000005)), "127.0.0.5");
        assertFalse(set.contains(0, LocalAddresses.v4Low(HOST)));
        assertFalse(LocalAddresses.empty().contains(-1L, -1L));
    }
}
