package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

/** The frame parser on crafted frames: every length checked, never a made-up port or byte count. */
class FrameParserTest {

    private static final int A = 0x0a000001; // 10.0.0.1
    private static final int B = 0x0a000002;
    private static final byte[] V6A = IpAddress.parse("2001:db8::1").toBytes();
    private static final byte[] V6B = IpAddress.parse("2001:db8::2").toBytes();

    private final FrameParser parser = new FrameParser(new FragmentCache());
    private final ParsedPacket p = new ParsedPacket();

    private int parse(Frames f, long wire) {
        return parser.parseEthernet(f.buffer(), 0, f.length(), wire, p);
    }

    private int parseFull(Frames f) {
        return parse(f, f.length());
    }

    @Test
    void tcpOverIpv4WithPayloadBeyondTheCapture() {
        // 100 payload bytes on the wire, only headers captured.
        Frames f = Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 20 + 20 + 100, 1, 0x4000).tcp(1234, 80, 5);
        assertEquals(FrameParser.TRANSPORT, parse(f, 14 + 140));
        assertEquals(6, p.protocol);
        assertEquals(IpAddress.ofV4(A), new IpAddress(p.srcHigh, p.srcLow));
        assertEquals(IpAddress.ofV4(B), new IpAddress(p.dstHigh, p.dstLow));
        assertEquals(1234, p.srcPort);
        assertEquals(80, p.dstPort);
        assertEquals(100, p.payload);
        assertEquals(true, p.hasTcpSeq);
        assertEquals(1, p.tcpSeq, "the sequence number Frames.tcp writes");
        assertEquals(false, p.tcpSyn);
    }

    @Test
    void ipv4OptionsAndTcpOptionsAreNotPayload() {
        Frames f = Frames.create().ethernet(0x0800).ipv4(6, A, B, 3, 32 + 32 + 500, 1, 0).tcp(5000, 443, 8);
        assertEquals(FrameParser.TRANSPORT, parse(f, 14 + 32 + 32 + 500));
        assertEquals(500, p.payload);
        assertEquals(443, p.dstPort);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        // A pure ACK padded to the 60-byte Ethernet minimum: the IP length says 40.
        Frames f = Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 40, 1, 0).tcp(1, 2, 5).zeros(6);
        assertEquals(FrameParser.TRANSPORT, parseFull(f));
        assertEquals(0, p.payload);
    }

    @Test
    void udpOverVlanTags() {
        Frames f = Frames.create().ethernet(0x0800, 100, 200).ipv4(17, A, B, 0, 20 + 8 + 1200, 1, 0).udp(53, 5353, 1208);
        assertEquals(FrameParser.TRANSPORT, parse(f, 22 + 1228));
        assertEquals(17, p.protocol);
        assertEquals(1200, p.payload);
        assertEquals(5353, p.dstPort);
    }

    @Test
    void tsoSuperPacketWithZeroIpLengthIsCountedAtItsWireLength() {
        Frames f = Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 0, 1, 0x4000).tcp(1, 2, 8);
        long wire = 14 + 20 + 32 + 180_000L; // BIG TCP: larger than 64 KiB
        assertEquals(FrameParser.TRANSPORT, parse(f, wire));
        assertEquals(180_000L, p.payload);
    }

    @Test
    void gsoSuperPacketUsesItsIpLength() {
        Frames f = Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 65_000, 1, 0x4000).tcp(1, 2, 5);
        assertEquals(FrameParser.TRANSPORT, parse(f, 14 + 65_000));
        assertEquals(65_000 - 40, p.payload);
    }

    @Test
    void ipv4FragmentsCarryTheirFirstFragmentsPorts() {
        // First fragment: UDP header + 1472 bytes, MF set.
        Frames first = Frames.create().ethernet(0x0800).ipv4(17, A, B, 0, 1500, 777, 0x2000).udp(4000, 5000, 3008);
        assertEquals(FrameParser.TRANSPORT, parse(first, 14 + 1500));
        assertEquals(1472, p.payload);
        // Later fragment: its first bytes are data that must never be read as ports.
        Frames later = Frames.create().ethernet(0x0800).ipv4(17, A, B, 0, 20 + 1528, 777, 185).u32(0xdeadbeef);
        p.srcPort = -1;
        assertEquals(FrameParser.TRANSPORT, parse(later, 14 + 1548));
        assertEquals(1528, p.payload);
        assertEquals(4000, p.srcPort);
        assertEquals(5000, p.dstPort);
        assertEquals(3000, 1472 + 1528);
    }

    @Test
    void ipv4FragmentWithoutItsFirstIsUnmatchedWithoutPorts() {
        Frames later = Frames.create().ethernet(0x0800).ipv4(17, A, B, 0, 20 + 800, 4242, 100).u32(0x11112222);
        p.srcPort = -7;
        p.dstPort = -7;
        assertEquals(FrameParser.FRAGMENT_UNMATCHED, parse(later, 14 + 820));
        assertEquals(800, p.payload);
        assertEquals(-7, p.srcPort, "ports untouched");
        assertEquals(-7, p.dstPort);
    }

    @Test
    void fragmentOfAnotherDatagramIsNotMatched() {
        Frames first = Frames.create().ethernet(0x0800).ipv4(17, A, B, 0, 1500, 1, 0x2000).udp(4000, 5000, 3008);
        parse(first, 14 + 1500);
        Frames other = Frames.create().ethernet(0x0800).ipv4(17, A, B, 0, 520, 2, 185).zeros(4);
        assertEquals(FrameParser.FRAGMENT_UNMATCHED, parse(other, 14 + 520));
    }

    @Test
    void ipv6WithExtensionHeaders() {
        // hop-by-hop (8) -> routing (24) -> destination options (8) -> TCP (20) + 300 payload
        int payloadLength = 8 + 24 + 8 + 20 + 300;
        Frames f = Frames.create().ethernet(0x86DD).ipv6(0, payloadLength, V6A, V6B).ext(43, 0).ext(60, 2).ext(6, 0).tcp(40000, 443, 5);
        assertEquals(FrameParser.TRANSPORT, parse(f, 14 + 40 + payloadLength));
        assertEquals(300, p.payload);
        assertEquals(443, p.dstPort);
        assertEquals(IpAddress.parse("2001:db8::1"), new IpAddress(p.srcHigh, p.srcLow));
        assertEquals(IpAddress.parse("2001:db8::2"), new IpAddress(p.dstHigh, p.dstLow));
    }

    @Test
    void ipv6Fragments() {
        int firstLen = 8 + 8 + 1224;
        Frames first = Frames.create().ethernet(0x86DD).ipv6(44, firstLen, V6A, V6B).fragment6(17, 0, true, 0x12345678).udp(443, 50000, 2008);
        assertEquals(FrameParser.TRANSPORT, parse(first, 14 + 40 + firstLen));
        assertEquals(1224, p.payload);
        int laterLen = 8 + 776;
        Frames later = Frames.create().ethernet(0x86DD).ipv6(44, laterLen, V6A, V6B).fragment6(17, 154, false, 0x12345678).u32(0xffffffff);
        p.srcPort = -1;
        assertEquals(FrameParser.TRANSPORT, parse(later, 14 + 40 + laterLen));
        assertEquals(776, p.payload);
        assertEquals(443, p.srcPort);
        assertEquals(50000, p.dstPort);
        Frames stray = Frames.create().ethernet(0x86DD).ipv6(44, laterLen, V6A, V6B).fragment6(17, 154, false, 99).u32(0xffffffff);
        assertEquals(FrameParser.FRAGMENT_UNMATCHED, parse(stray, 14 + 40 + laterLen));
    }

    @Test
    void ipv6JumboWithZeroLengthUsesTheWireLength() {
        Frames f = Frames.create().ethernet(0x86DD).ipv6(6, 0, V6A, V6B).tcp(1, 2, 5);
        assertEquals(FrameParser.TRANSPORT, parse(f, 14 + 40 + 20 + 100_000));
        assertEquals(100_000, p.payload);
    }

    @Test
    void tooManyExtensionHeadersAreNotFollowedForever() {
        Frames f = Frames.create().ethernet(0x86DD).ipv6(60, 10 * 8 + 8, V6A, V6B);
        for (int i = 0; i < 10; i++) {
            f.ext(60, 0);
        }
        f.udp(1, 2, 8);
        assertEquals(FrameParser.OTHER, parseFull(f));
    }

    @Test
    void otherProtocolsAreNotCounted() {
        assertEquals(FrameParser.OTHER, parseFull(Frames.create().ethernet(0x0806).zeros(28))); // ARP
        assertEquals(FrameParser.OTHER, parseFull(Frames.create().ethernet(0x0800).ipv4(1, A, B, 0, 28, 1, 0).zeros(8))); // ICMP
        assertEquals(FrameParser.OTHER, parseFull(Frames.create().ethernet(0x86DD).ipv6(50, 8, V6A, V6B).zeros(8))); // ESP
    }

    @Test
    void truncatedAndInconsistentFramesAreMalformed() {
        assertEquals(FrameParser.MALFORMED, parser.parseEthernet(ByteBuffer.allocate(0), 0, 0, 0, p), "zero-length");
        assertEquals(FrameParser.MALFORMED, parseFull(Frames.create().ethernet(0x0800).zeros(10)), "IPv4 header cut");
        assertEquals(FrameParser.MALFORMED, parseFull(Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 40, 1, 0).zeros(8)),
                "TCP header cut before the data offset");
        Frames badIhl = Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 40, 1, 0).tcp(1, 2, 5);
        byte[] bytes = badIhl.toArray();
        bytes[14] = 0x43; // IHL 3 < 5
        assertEquals(FrameParser.MALFORMED, parser.parseEthernet(ByteBuffer.wrap(bytes), 0, bytes.length, bytes.length, p));
        assertEquals(FrameParser.MALFORMED,
                parse(Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 60_000, 1, 0).tcp(1, 2, 5), 14 + 1000),
                "IP length beyond the real frame length");
        assertEquals(FrameParser.MALFORMED, parseFull(Frames.create().ethernet(0x0800).ipv4(6, A, B, 0, 60, 1, 0).tcp(1, 2, 15)),
                "TCP data offset beyond the IP length");
        assertEquals(FrameParser.MALFORMED, parseFull(Frames.create().ethernet(0x0800).ipv4(17, A, B, 0, 24, 1, 0).udp(1, 2, 4)),
                "UDP shorter than its header");
        assertEquals(FrameParser.MALFORMED, parseFull(Frames.create().ethernet(0x86DD).ipv6(0, 4, V6A, V6B).ext(6, 0).tcp(1, 2, 5)),
                "extension header beyond the payload length");
        assertEquals(FrameParser.MALFORMED, parseFull(Frames.create().ethernet(0x0800, 5)), "VLAN tag without a type");
    }

    @Test
    void frameWithoutLinkHeaderIsParsedFromTheIpVersion() {
        Frames f = Frames.create().ipv4(17, A, B, 0, 20 + 8 + 10, 1, 0).udp(7, 9, 18).zeros(10);
        assertEquals(FrameParser.TRANSPORT, parser.parseIp(f.buffer(), 0, f.length(), f.length(), p));
        assertEquals(10, p.payload);
        assertEquals(FrameParser.OTHER, parser.parseIp(ByteBuffer.wrap(new byte[] {0x10, 0, 0}), 0, 3, 3, p));
    }

    @Test
    void randomGarbageNeverThrowsNorYieldsMoreThanTheWire() {
        Random r = new Random(42);
        ByteBuffer b = ByteBuffer.allocate(256);
        for (int i = 0; i < 200_000; i++) {
            r.nextBytes(b.array());
            int captured = r.nextInt(257);
            // Bias towards IP so that deep paths are reached.
            if (captured > 14 && r.nextBoolean()) {
                b.putShort(12, (short) (r.nextBoolean() ? 0x0800 : 0x86DD));
                b.put(14, (byte) (r.nextBoolean() ? 0x45 : 0x60));
            }
            long wire = captured + (r.nextBoolean() ? 0 : r.nextInt(70_000));
            int res = parser.parseEthernet(b, 0, captured, wire, p);
            if (res == FrameParser.TRANSPORT || res == FrameParser.FRAGMENT_UNMATCHED) {
                if (p.payload < 0 || p.payload > wire) {
                    throw new AssertionError("payload " + p.payload + " of a " + wire + "-byte frame");
                }
            }
        }
    }
}
