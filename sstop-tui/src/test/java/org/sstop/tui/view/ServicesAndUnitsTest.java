package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.net.ServiceTable;
import org.sstop.tui.state.Display;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.testing.Fixtures;

/** Service names in the listen and detail views (from the table the state carries), and the units. */
class ServicesAndUnitsTest {

    private static final ServiceTable TABLE = ServiceTable.parse("""
            web-thing 8001/tcp
            dgram-thing 8001/udp
            evil\u001b]0;x\u0007 8002/tcp
            """, ServiceTable.builtIn());

    private static Snapshot snapshot() {
        Snapshot base = Fixtures.full(4, false);
        ProcessStats p = Fixtures.process(100, "srv", "/srv", 10, 20, ProcessState.RUNNING, List.of(
                Fixtures.conn(Protocol.TCP, "10.0.0.2", 40000, "93.184.216.34", 443, SocketState.ESTABLISHED, 1, 1),
                Fixtures.conn(Protocol.UDP, "10.0.0.2", 40001, "9.9.9.9", 53, SocketState.ESTABLISHED, 1, 1),
                Fixtures.conn(Protocol.TCP, "0.0.0.0", 8001, "0.0.0.0", 0, SocketState.LISTEN, 0, 0)));
        List<ListenEntry> listen = List.of(
                new ListenEntry(Protocol.TCP, Fixtures.ep("0.0.0.0", 8001), 100, "srv", "/srv"),
                new ListenEntry(Protocol.UDP, Fixtures.ep("0.0.0.0", 8001), 100, "srv", "/srv"),
                new ListenEntry(Protocol.TCP, Fixtures.ep("0.0.0.0", 8002), 100, "srv", "/srv"),
                new ListenEntry(Protocol.TCP, Fixtures.ep("::", 22), 100, "srv", "/srv"));
        return new Snapshot(base.sequence(), base.time(), base.elapsed(), base.interval(), base.backends(), base.external(),
                base.loopback(), base.coverage(), List.of(p), base.hosts(), listen, base.interfaces(), base.history(),
                base.trend(), base.visibility());
    }

    private static UiState state(View view) {
        return UiState.initial(Duration.ofSeconds(1), false, 160, 30, Fixtures.T0).with(b -> {
            b.snapshot = snapshot();
            b.view = view;
            b.detailPid = 100;
            b.display = new Display(TABLE, false, Display.TotalsUnit.AUTO, false);
        });
    }

    @Test
    void theListenViewNamesEachPortForItsProtocol() {
        String listen = Screen.render(state(View.LISTEN), Names.NONE).toString();
        assertTrue(listen.contains("SERVICE"), listen);
        assertTrue(listen.contains("8001 web-thing"), listen);
        assertTrue(listen.contains("8001 dgram-thing"), listen);
        assertTrue(listen.contains("  22 ssh"), listen);
        assertFalse(listen.contains("evil"), "a name with control characters is not kept:\n" + listen);
        ScreenTest.assertSafe(Screen.render(state(View.LISTEN), Names.NONE));
    }

    @Test
    void theDetailViewNamesTheRemotePortElseTheLocalOne() {
        String detail = Screen.render(state(View.DETAIL), Names.NONE).toString();
        assertTrue(detail.contains("https"), detail);
        assertTrue(detail.contains("domain"), detail);
        assertTrue(detail.contains("web-thing"), detail);
    }

    @Test
    void bitsAreSiAndTotalsTakeTheChosenUnit() {
        UiState s = state(View.DETAIL).with(b -> b.display = b.display.withBits(true));
        String detail = Screen.render(s, Names.NONE).toString();
        assertTrue(detail.contains("↑ 80 bit/s"), detail);
        String header = Screen.render(s.with(b -> b.view = View.PROCESSES), Names.NONE).row(0);
        assertTrue(header.contains("↑ 988 kbit/s"), header); // 123,456 B/s × 8 = 987,648 bit/s
        UiState mib = state(View.PROCESSES).with(b -> {
            b.totals = true;
            b.display = b.display.withTotalsUnit(Display.TotalsUnit.MIB);
        });
        String table = Screen.render(mib, Names.NONE).toString();
        assertTrue(table.contains("totals MiB") && table.contains("0.0 MiB"), table);
    }
}
