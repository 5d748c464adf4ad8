package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.SocketStats;
import org.sstop.core.Traffic;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.testing.Fixtures;

/** Detail: a connection within this host names the process at its other end (sanitized). */
class LoopbackPeerTest {

    private static SocketStats loop(int lport, int rport) {
        return new SocketStats(Protocol.TCP, Fixtures.ep("127.0.0.1", lport), Fixtures.ep("127.0.0.1", rport),
                SocketState.ESTABLISHED, Duration.ofSeconds(5), Traffic.ZERO, true, true);
    }

    @Test
    void theOtherEndOfALoopbackConnectionIsNamed() {
        ProcessStats app = Fixtures.process(10, "app", "/app", 1, 1, ProcessState.RUNNING, List.of(loop(50000, 5432),
                Fixtures.conn(Protocol.TCP, "10.0.0.2", 40000, "93.184.216.34", 443, SocketState.ESTABLISHED, 1, 1),
                loop(50001, 6379)));
        ProcessStats db = Fixtures.process(20, "pg\u001b[2J", "/db", 1, 1, ProcessState.RUNNING, List.of(loop(5432, 50000)));
        Snapshot base = Fixtures.full(1, false);
        Snapshot snap = new Snapshot(base.sequence(), base.time(), base.elapsed(), base.interval(), base.backends(),
                base.external(), base.loopback(), base.coverage(), List.of(app, db), List.of(), List.of(), base.interfaces(),
                base.history(), base.trend(), base.visibility());
        UiState s = UiState.initial(Duration.ofSeconds(1), false, 140, 30, Fixtures.T0).with(b -> {
            b.snapshot = snap;
            b.view = View.DETAIL;
            b.detailPid = 10;
        });
        CellBuffer buf = Screen.render(s, Names.NONE);
        ScreenTest.assertSafe(buf);
        String all = buf.toString();
        assertTrue(all.contains("127.0.0.1:5432 ⇄ pg\\e[2J(20)"), all);
        assertFalse(all.contains("127.0.0.1:6379 ⇄"), "no process at the other end: nothing named\n" + all);
        assertFalse(all.contains("93.184.216.34:443 ⇄"), all);
        String back = Screen.render(s.with(b -> b.detailPid = 20), Names.NONE).toString();
        assertTrue(back.contains("127.0.0.1:50000 ⇄ app(10)"), back);
    }
}
