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
    private final PrivilegeNotice notice = new PrivilegeNotice(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @Test
    void printsEachLimitationOnceAndTheAdviceOnce() {
        assertTrue(notice.update(with("cannot map other users' sockets")));
        assertFalse(notice.update(with("cannot map other users' sockets")));
        assertTrue(notice.update(with("cannot map other users' sockets", "no close notifications")));
        assertFalse(notice.update(with("no close notifications")));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(List.of(
                "sstop: limited visibility: cannot map other users' sockets",
                PrivilegeNotice.ADVICE,
                "sstop: limited visibility: no close notifications"), List.of(lines));
        assertTrue(PrivilegeNotice.ADVICE.contains("sudo ./sstop"));
    }

    @Test
    void silentWhenNothingIsLimited() {
        assertFalse(notice.update(with()));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void limitationTextIsSanitized() {
        notice.update(with("bad\u001b[2J"));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("sstop: limited visibility: bad\\e[2J\n"));
    }

    private static Snapshot with(String... limitations) {
        Snapshot f = Snapshots.full();
        return new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), f.backends(), f.totals(), f.unattributed(),
                f.unattributedByReason(), f.processes(), f.hosts(), f.listen(), f.interfaces(), f.history(), f.trend(),
                new Visibility(List.of(limitations), 0, 0));
    }
}
