package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/** The last dump's records kept for unchanged sockets, by cookie, where sockets came, went or changed. */
class DiagSessionKeepUnchangedTest {

    private static SocketInfo tcp(long cookie, long sent) {
        return new SocketInfo(cookie, Protocol.TCP, new Endpoint(IpAddress.parse("10.0.0.1"), (int) (40000 + cookie)),
                new Endpoint(IpAddress.parse("10.0.0.2"), 443), SocketState.ESTABLISHED, 1000 + cookie, 0,
                SocketInfo.UNKNOWN, sent, 0);
    }

    @Test
    void unchangedSocketsKeepTheirRecordChangedOnesTakeTheNew() {
        List<SocketInfo> last = new ArrayList<>();
        for (long c = 1; c <= 20; c++) {
            last.add(tcp(c, 100));
        }
        List<SocketInfo> out = new ArrayList<>(List.of(tcp(99, 5))); // a UDP record before the TCP part, untouched
        int from = out.size();
        out.add(tcp(50, 0)); // new, first
        for (long c = 1; c <= 20; c++) {
            if (c == 4 || c == 5 || c == 6) {
                continue; // gone
            }
            out.add(tcp(c, c == 10 ? 200 : 100)); // 10 moved bytes
            if (c == 12) {
                out.add(tcp(51, 0)); // new, in the middle
            }
        }
        List<SocketInfo> before = List.copyOf(out);
        DiagSession.keepUnchanged(out, from, last);
        assertEquals(before, out, "the same values in the same order");
        assertNotSame(last.get(0), out.get(0));
        for (int k = from; k < out.size(); k++) {
            SocketInfo s = out.get(k);
            long c = s.cookie();
            if (c >= 1 && c <= 20 && c != 10) {
                assertSame(last.get((int) c - 1), s, "unchanged socket " + c);
            } else {
                assertNotSame(c == 10 ? last.get(9) : null, s);
                assertSame(before.get(k), s, "socket " + c + " keeps its new record");
            }
        }
    }

    @Test
    void withoutALastDumpOrWithSocketsFarOutOfPlaceNothingBreaks() {
        List<SocketInfo> out = new ArrayList<>(List.of(tcp(1, 1), tcp(2, 2)));
        DiagSession.keepUnchanged(out, 0, null);
        assertEquals(List.of(tcp(1, 1), tcp(2, 2)), out);
        List<SocketInfo> last = new ArrayList<>();
        for (long c = 100; c > 0; c--) {
            last.add(tcp(c, c)); // reversed: most are beyond the look-ahead
        }
        List<SocketInfo> now = new ArrayList<>();
        for (long c = 1; c <= 100; c++) {
            now.add(tcp(c, c));
        }
        List<SocketInfo> before = List.copyOf(now);
        DiagSession.keepUnchanged(now, 0, last);
        assertEquals(before, now, "values never change, whatever is matched");
    }
}
