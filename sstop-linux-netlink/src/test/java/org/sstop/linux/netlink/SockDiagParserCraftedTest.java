package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.linux.netlink.DiagBytes.attr;
import static org.sstop.linux.netlink.DiagBytes.attrWithLength;
import static org.sstop.linux.netlink.DiagBytes.diagMsg;
import static org.sstop.linux.netlink.DiagBytes.pad16;
import static org.sstop.linux.netlink.DiagBytes.tcpInfo;
import static org.sstop.linux.netlink.DiagBytes.v4;
import static org.sstop.linux.netlink.DiagBytes.v6Loopback;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/** The parser on crafted messages: field decoding, counter derivation, and hostile input. */
class SockDiagParserCraftedTest {

    private static final int SEQ = 7;
    private final SockDiagParser parser = new SockDiagParser(ByteOrder.LITTLE_ENDIAN);
    private final List<SocketInfo> out = new ArrayList<>();

    private static byte[] tcp4(int state, int wqueue, byte[]... attrs) {
        return diagMsg(2, state, pad16(v4(10, 0, 0, 1)), 40000, pad16(v4(192, 0, 2, 7)), 443,
                0x1122_3344_5566_7788L, wqueue, 1000, 4242, attrs);
    }

    private SockDiagParser.Result parse(DiagBytes d) {
        return parser.parseDump(d.buffer(), Protocol.TCP, SEQ, out::add);
    }

    @Test
    void decodesIdentityFields() {
        SockDiagParser.Result r = parse(new DiagBytes()
                .message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(232, 1, 5001, 777, 0, 5000, 0))))
                .done(SEQ));
        assertEquals(SockDiagParser.Status.DONE, r.status());
        assertEquals(1, r.sockets());
        SocketInfo s = out.get(0);
        assertEquals(0x1122_3344_5566_7788L, s.cookie());
        assertEquals(IpAddress.parse("10.0.0.1"), s.local().address());
        assertEquals(40000, s.local().port());
        assertEquals(IpAddress.parse("192.0.2.7"), s.remote().address());
        assertEquals(443, s.remote().port());
        assertEquals(1000, s.uid());
        assertEquals(4242, s.ownerKey());
        assertEquals(SocketState.ESTABLISHED, s.state());
        assertEquals(5000, s.bytesSent());
        assertEquals(777, s.bytesReceived());
    }

    @Test
    void equalAddressesOfOneDumpAndTheNextShareOneInstance() {
        byte[] m = tcp4(1, 0, attr(2, tcpInfo(232, 1, 5001, 777, 0, 5000, 0)));
        parse(new DiagBytes().message(20, 2, SEQ, m).message(20, 2, SEQ, m).done(SEQ));
        parse(new DiagBytes().message(20, 2, SEQ, m).done(SEQ));
        assertEquals(3, out.size());
        for (SocketInfo s : out) {
            assertSame(out.get(0).local().address(), s.local().address());
            assertSame(out.get(0).remote().address(), s.remote().address());
        }
        assertEquals(IpAddress.parse("192.0.2.7"), out.get(2).remote().address());
    }

    @Test
    void highPortsAndBigInodesAreUnsigned() {
        byte[] m = diagMsg(10, 1, v6Loopback(), 65535, v6Loopback(), 65000, 1, 0, 0, 0xfffffff0L,
                attr(2, tcpInfo(232, 1, 0, 0, 0, 0, 0)));
        parse(new DiagBytes().message(20, 2, SEQ, m));
        assertEquals(65535, out.get(0).local().port());
        assertEquals(65000, out.get(0).remote().port());
        assertEquals(0xfffffff0L, out.get(0).ownerKey());
        assertEquals(IpAddress.parse("::1"), out.get(0).local().address());
    }

    @Test
    void unackedDataInFlightIsNotCountedAsSent() {
        // Client: 10000 bytes acked (+1 SYN), 300 more transmitted and in flight, 200 not yet sent.
        // wqueue = write_seq - snd_una = 500; notsent = 200.
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(1, 500, attr(2, tcpInfo(232, 1, 10001, 0, 200, 10300, 0)))));
        assertEquals(10000, out.get(0).bytesSent());
    }

    @Test
    void retransmittedBytesAreCountedOnce() {
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(232, 1, 8001, 0, 0, 9000, 1000)))));
        assertEquals(8000, out.get(0).bytesSent());
    }

    @Test
    void finInFlightInLastAckIsNotPayload() {
        // Passive closer in LAST_ACK: 300 bytes acked, FIN sent and unacked (wqueue 1, notsent 0),
        // and the peer's FIN received (bytes_received 1001 for 1000 bytes).
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(9, 1, attr(2, tcpInfo(232, 9, 300, 1001, 0, 300, 0)))));
        assertEquals(300, out.get(0).bytesSent());
        assertEquals(1000, out.get(0).bytesReceived());
        assertEquals(SocketState.LAST_ACK, out.get(0).state());
    }

    @Test
    void finAckedInFinWait2IsNotPayload() {
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(5, 0, attr(2, tcpInfo(232, 5, 1002, 300, 0, 1000, 0)))));
        assertEquals(1000, out.get(0).bytesSent());
        assertEquals(300, out.get(0).bytesReceived());
    }

    @Test
    void abortedActiveCloserWithFinInFlight() {
        // Client (SYN counted) sent 5000 bytes, all acked (bytes_acked 5001), then its FIN; a RST
        // destroyed it before the FIN was acked: CLOSE, wqueue 1, notsent 0. Payload: 5000.
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(7, 1, attr(2, tcpInfo(232, 7, 5001, 0, 0, 5000, 0)))));
        assertEquals(5000, out.get(0).bytesSent());
    }

    @Test
    void abortedWithDataInFlightGivesTheLowerBound() {
        // Server (no SYN counted), 4000 acked, 1000 in flight, no FIN: bytes_acked 4000.
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(7, 1000, attr(2, tcpInfo(232, 7, 4000, 0, 0, 5000, 0)))));
        assertEquals(4000, out.get(0).bytesSent());
    }

    @Test
    void synSentHasZeroPayload() {
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(2, 1, attr(2, tcpInfo(232, 2, 0, 0, 0, 0, 0)))));
        assertEquals(0, out.get(0).bytesSent());
        assertEquals(SocketState.SYN_SENT, out.get(0).state());
    }

    @Test
    void tcpInfoTooShortForAFieldMakesThatCounterUnknown() {
        // 136 bytes: bytes_received fits (128..136), bytes_sent/retrans (200..216) do not.
        parse(new DiagBytes()
                .message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(136, 1, 5001, 777, 0, 0, 0))))
                .message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(104, 1, 0, 0, 0, 0, 0))))
                .message(20, 2, SEQ, tcp4(1, 0)));
        assertEquals(3, out.size());
        assertEquals(SocketInfo.UNKNOWN, out.get(0).bytesSent());
        assertEquals(777, out.get(0).bytesReceived());
        assertEquals(SocketInfo.UNKNOWN, out.get(1).bytesSent());
        assertEquals(SocketInfo.UNKNOWN, out.get(1).bytesReceived());
        assertFalse(out.get(2).hasByteCounters(), "no INET_DIAG_INFO (e.g. TIME_WAIT): unknown, not 0");
    }

    @Test
    void impossibleCountersAreUnknown() {
        parse(new DiagBytes().message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(232, 1, -5, -1, 0, 10, 20)))));
        assertEquals(SocketInfo.UNKNOWN, out.get(0).bytesSent());
        assertEquals(SocketInfo.UNKNOWN, out.get(0).bytesReceived());
    }

    @Test
    void attributeLongerThanItsMessageSkipsTheRecord() {
        byte[] bad = tcp4(1, 0, attrWithLength(400, 2, tcpInfo(232, 1, 1, 1, 0, 1, 0)));
        SockDiagParser.Result r = parse(new DiagBytes()
                .message(20, 2, SEQ, bad)
                .message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(232, 1, 11, 22, 0, 10, 0))))
                .done(SEQ));
        assertEquals(1, r.malformed());
        assertEquals(1, r.sockets());
        assertEquals(SockDiagParser.Status.DONE, r.status());
        assertEquals(10, out.get(0).bytesSent());
    }

    @Test
    void attributeShorterThanItsHeaderSkipsTheRecord() {
        SockDiagParser.Result r = parse(new DiagBytes().message(20, 2, SEQ, tcp4(1, 0, attrWithLength(2, 2, new byte[4]))));
        assertEquals(1, r.malformed());
        assertTrue(out.isEmpty());
    }

    @Test
    void messageTooShortForInetDiagMsgIsSkipped() {
        SockDiagParser.Result r = parse(new DiagBytes().message(20, 2, SEQ, new byte[40]).done(SEQ));
        assertEquals(1, r.malformed());
        assertEquals(SockDiagParser.Status.DONE, r.status());
    }

    @Test
    void unknownFamilyIsSkipped() {
        byte[] m = tcp4(1, 0);
        m[0] = 1; // AF_UNIX
        SockDiagParser.Result r = parse(new DiagBytes().message(20, 2, SEQ, m));
        assertEquals(1, r.malformed());
        assertTrue(out.isEmpty());
    }

    @Test
    void badNlmsgLenStopsCleanly() {
        for (int declared : new int[] {0, 8, 15, 100_000, -1}) {
            out.clear();
            SockDiagParser.Result r = parse(new DiagBytes()
                    .messageWithLength(declared, 20, 2, SEQ, tcp4(1, 0))
                    .message(20, 2, SEQ, tcp4(1, 0)));
            assertEquals(1, r.malformed(), "nlmsg_len " + declared);
            assertEquals(SockDiagParser.Status.MORE, r.status());
            assertTrue(out.isEmpty(), "nothing trusted after a bad header, nlmsg_len " + declared);
        }
    }

    @Test
    void kernelErrorIsReported() {
        SockDiagParser.Result r = parse(new DiagBytes().error(SEQ, -2));
        assertEquals(SockDiagParser.Status.ERROR, r.status());
        assertEquals(2, r.errno());
    }

    @Test
    void ackIsNotAnError() {
        SockDiagParser.Result r = parse(new DiagBytes().error(SEQ, 0).done(SEQ));
        assertEquals(SockDiagParser.Status.DONE, r.status());
    }

    @Test
    void otherSequenceNumbersAreIgnored() {
        SockDiagParser.Result r = parse(new DiagBytes()
                .message(20, 2, SEQ - 1, tcp4(1, 0))
                .done(SEQ - 1)
                .message(20, 2, SEQ, tcp4(1, 0))
                .done(SEQ));
        assertEquals(SockDiagParser.Status.DONE, r.status());
        assertEquals(1, r.sockets());
        assertEquals(2, r.ignored());
    }

    @Test
    void dumpInterruptedFlagIsReported() {
        SockDiagParser.Result r = parse(new DiagBytes().message(20, 2 | 0x10, SEQ, tcp4(1, 0)).done(SEQ));
        assertTrue(r.interrupted());
    }

    @Test
    void destroyedSocketWithoutRemotePortHasUnknownCounters() {
        // SO_LINGER 0 close: the kernel's tcp_disconnect zeroes counters and the remote port.
        byte[] m = diagMsg(2, 7, pad16(v4(127, 0, 0, 1)), 37432, new byte[16], 0, 7, 70658, 0, 0,
                attr(10, new byte[] {6}), attr(2, tcpInfo(232, 7, 0, 0, 70658, 0, 0)));
        List<SocketInfo> closed = new ArrayList<>();
        parser.parseDestroyed(new DiagBytes().message(20, 0, 0, m).buffer(), closed::add);
        assertEquals(1, closed.size());
        assertEquals(7, closed.get(0).cookie());
        assertEquals(SocketInfo.UNKNOWN, closed.get(0).bytesSent());
        assertEquals(SocketInfo.UNKNOWN, closed.get(0).bytesReceived());
    }

    @Test
    void destroyedRecordWithoutProtocolIsSkipped() {
        byte[] m = diagMsg(2, 7, pad16(v4(127, 0, 0, 1)), 1, pad16(v4(127, 0, 0, 1)), 2, 7, 0, 0, 0);
        List<SocketInfo> closed = new ArrayList<>();
        SockDiagParser.Result r = parser.parseDestroyed(new DiagBytes().message(20, 0, 0, m).buffer(), closed::add);
        assertEquals(1, r.malformed());
        assertTrue(closed.isEmpty());
    }

    @Test
    void destroyedUdpHasUnknownCounters() {
        byte[] m = diagMsg(10, 7, v6Loopback(), 5353, new byte[16], 0, 9, 0, 0, 0, attr(10, new byte[] {17}));
        List<SocketInfo> closed = new ArrayList<>();
        parser.parseDestroyed(new DiagBytes().message(20, 0, 0, m).buffer(), closed::add);
        assertEquals(Protocol.UDP, closed.get(0).protocol());
        assertEquals(SocketState.UNCONNECTED, closed.get(0).state());
        assertFalse(closed.get(0).hasByteCounters());
    }

    @Test
    void garbageNeverThrowsAndStaysBounded() {
        Random random = new Random(42);
        byte[] valid = new DiagBytes().message(20, 2, SEQ, tcp4(1, 0, attr(2, tcpInfo(232, 1, 1, 1, 0, 1, 0)))).bytes();
        for (int i = 0; i < 5000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(600)];
                random.nextBytes(b);
            } else {
                b = valid.clone(); // a valid message with a few bytes flipped
                for (int k = 0; k < 1 + random.nextInt(6); k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt();
                }
            }
            List<SocketInfo> got = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.wrap(b);
            SockDiagParser.Result r = parser.parseDump(buf, Protocol.TCP, -1, got::add);
            assertTrue(got.size() <= b.length / 88, "no more sockets than the bytes can hold");
            assertEquals(r.sockets(), got.size());
            for (SocketInfo s : got) {
                assertTrue(s.bytesSent() >= SocketInfo.UNKNOWN && s.bytesReceived() >= SocketInfo.UNKNOWN);
            }
            parser.parseDestroyed(ByteBuffer.wrap(b), got::add);
        }
    }
}
