package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/** The /proc/net parser on captured fixtures (x86-64) and crafted, malformed and hostile lines. */
class ProcNetParserTest {

    private final ProcNetParser parser = new ProcNetParser(ByteOrder.LITTLE_ENDIAN);

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ProcNetParserTest.class.getResourceAsStream("/procnet/" + name)) {
            return in.readAllBytes();
        }
    }

    private List<SocketInfo> parse(byte[] text, Protocol protocol, boolean v6, int expectMalformed) {
        List<SocketInfo> out = new ArrayList<>();
        assertEquals(expectMalformed, parser.parse(text, text.length, protocol, v6, out));
        return out;
    }

    private static Endpoint ep(String address, int port) {
        return new Endpoint(IpAddress.parse(address), port);
    }

    private static SocketInfo socket(Protocol p, Endpoint local, Endpoint remote, SocketState state, long inode) {
        return new SocketInfo(inode, p, local, remote, state, inode, 0, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN,
                SocketInfo.UNKNOWN);
    }

    @Test
    void capturedTcp() throws IOException {
        List<SocketInfo> s = parse(fixture("tcp"), Protocol.TCP, false, 0);
        assertEquals(4, s.size());
        assertEquals(socket(Protocol.TCP, ep("0.0.0.0", 2024), ep("0.0.0.0", 0), SocketState.LISTEN, 1598), s.get(0));
        assertEquals(socket(Protocol.TCP, ep("127.0.0.1", 40291), ep("0.0.0.0", 0), SocketState.LISTEN, 30989), s.get(1));
        assertEquals(socket(Protocol.TCP, ep("127.0.0.1", 40291), ep("127.0.0.1", 55884), SocketState.ESTABLISHED, 30992),
                s.get(2));
        assertEquals(socket(Protocol.TCP, ep("127.0.0.1", 55884), ep("127.0.0.1", 40291), SocketState.ESTABLISHED, 30991),
                s.get(3));
        assertTrue(s.stream().noneMatch(SocketInfo::hasByteCounters), "/proc/net has no byte counters");
    }

    @Test
    void capturedTcp6WithV4MappedAndTimeWait() throws IOException {
        List<SocketInfo> s = parse(fixture("tcp6"), Protocol.TCP, true, 0);
        assertEquals(2, s.size());
        assertEquals(socket(Protocol.TCP, ep("::1", 53245), ep("::", 0), SocketState.LISTEN, 30990), s.get(0));
        // A TIME_WAIT socket of a Java (v4-mapped) connection: no inode, so no cookie either.
        assertEquals(socket(Protocol.TCP, ep("127.0.0.1", 43567), ep("127.0.0.1", 36756), SocketState.TIME_WAIT, 0), s.get(1));
        assertTrue(s.get(1).local().address().isV4(), "v4-mapped is the same identity as IPv4");
    }

    @Test
    void capturedUdpAndUdp6() throws IOException {
        assertEquals(List.of(socket(Protocol.UDP, ep("0.0.0.0", 33308), ep("0.0.0.0", 0), SocketState.UNCONNECTED, 30993)),
                parse(fixture("udp"), Protocol.UDP, false, 0));
        assertEquals(List.of(socket(Protocol.UDP, ep("::1", 55637), ep("::1", 53), SocketState.ESTABLISHED, 30994)),
                parse(fixture("udp6"), Protocol.UDP, true, 0));
    }

    @Test
    void bigEndianHostsPrintWordsInTheirOrder() {
        byte[] line = "   0: 7F000001:0016 0A000002:C350 01 00000000:00000000 00:00000000 00000000  1000        0 4242 1\n"
                .getBytes(StandardCharsets.US_ASCII);
        List<SocketInfo> out = new ArrayList<>();
        assertEquals(0, new ProcNetParser(ByteOrder.BIG_ENDIAN).parse(line, line.length, Protocol.TCP, false, out));
        assertEquals(ep("127.0.0.1", 22), out.get(0).local());
        assertEquals(ep("10.0.0.2", 50000), out.get(0).remote());
        assertEquals(1000, out.get(0).uid());
    }

    @Test
    void malformedLinesAreSkippedAndCounted() {
        String text = String.join("\n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1",
                "   1: 0100007G:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 101 1", // bad hex
                "   2: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0", // cut
                "   3: 0100007F:10016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 103 1", // port too long
                "   4: 0100007F0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 104 1", // no colon
                "   5: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     -1        0 105 1", // uid
                "   6: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99999999999999999999 1",
                "   7: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 99999999999 0 107 1", // uid > 32 bits
                "   8: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 108 1",
                "",
                "\u0000\u0001garbage",
                "   9: 0100007F:0016 00000000:0000 FF 00000000:00000000 00:00000000 00000000     0        0 109 1"); // unknown state
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        List<SocketInfo> s = parse(bytes, Protocol.TCP, false, 8);
        assertEquals(List.of(100L, 108L, 109L), s.stream().map(SocketInfo::ownerKey).toList());
        assertEquals(SocketState.UNKNOWN, s.get(2).state());
    }

    @Test
    void ipv4AddressInTheIpv6FileIsMalformed() {
        byte[] line = "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of(), parse(line, Protocol.TCP, true, 1));
    }

    @Test
    void lengthBoundsTheInput() throws IOException {
        byte[] text = fixture("tcp");
        List<SocketInfo> out = new ArrayList<>();
        int firstLines = new String(text, StandardCharsets.US_ASCII).indexOf("\n   2:");
        assertEquals(0, parser.parse(text, firstLines, Protocol.TCP, false, out));
        assertEquals(2, out.size());
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(7);
        byte[] alphabet = "0123456789ABCDEFabcdef: \n\t-xZ".getBytes(StandardCharsets.US_ASCII);
        List<SocketInfo> out = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[r.nextInt(400)];
            for (int k = 0; k < b.length; k++) {
                b[k] = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            out.clear();
            parser.parse(b, b.length, Protocol.UDP, r.nextBoolean(), out);
            for (SocketInfo s : out) {
                assertTrue(s.ownerKey() >= 0 && s.local().port() <= 0xffff);
            }
        }
    }
}
