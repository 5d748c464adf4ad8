package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.Snapshot;
import org.sstop.core.Visibility;

class PrivilegeNoticeTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final PrivilegeNotice notice = new PrivilegeNotice(err, false);

    @Test
    void printsTheLimitationsAndTheAdviceOnlyOnce() {
        assertTrue(notice.update(with("cannot map other users' sockets", "2 close notifications were lost")));
        assertFalse(notice.update(with("cannot map other users' sockets", "7 close notifications were lost")));
        assertFalse(notice.update(with("no interface statistics")));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(List.of(
                "sstop: limited visibility: cannot map other users' sockets",
                "sstop: limited visibility: 2 close notifications were lost",
                PrivilegeNotice.ADVICE), List.of(lines));
        assertTrue(PrivilegeNotice.ADVICE.contains("sudo ./sstop"));
        for (String cap : new String[] {"cap_sys_ptrace", "cap_dac_read_search", "cap_net_admin", "cap_net_raw"}) {
            assertTrue(PrivilegeNotice.ADVICE.contains(cap), cap);
        }
    }

    @Test
    void rootGetsTheLimitationsWithoutAdvice() {
        PrivilegeNotice asRoot = new PrivilegeNotice(err, true);
        assertTrue(asRoot.update(with("retransmissions are counted each time")));
        assertEquals("sstop: limited visibility: retransmissions are counted each time\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void silentWhenNothingIsLimitedAndStillReadyForLaterLimitations() {
        assertFalse(notice.update(with()));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        assertTrue(notice.update(with("late")));
    }

    @Test
    void limitationTextIsSanitized() {
        notice.update(with("bad\u001b[2J"));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("sstop: limited visibility: bad\\e[2J\n"));
    }

    private static Snapshot with(String... limitations) {
        Snapshot f = Snapshots.full();
        return new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), f.backends(), f.external(), f.loopback(), f.coverage(), f.processes(), f.hosts(), f.listen(), f.interfaces(), f.history(), f.trend(),
                new Visibility(List.of(limitations), 0, 0, 0, 0, 0));
    }
}
