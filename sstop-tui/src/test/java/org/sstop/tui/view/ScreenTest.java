package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstop.api.IpAddress;
import org.sstop.core.BackendReport;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.Snapshot;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Cursor;
import org.sstop.tui.state.Overlay;
import org.sstop.tui.state.SortKey;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.Update;
import org.sstop.tui.state.View;
import org.sstop.tui.testing.Fixtures;

/** Every view and overlay rendered on a cell buffer, at many sizes, with empty, full, hostile and wide data. */
class ScreenTest {

    static final int[] WIDTHS = {60, 61, 72, 80, 99, 100, 120, 133, 160, 200, 250};

    /** A named way to get from the initial state to a screen. */
    record Scene(String name, UnaryOperator<UiState> setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Names HOSTILE_NAMES = a -> a.equals(IpAddress.parse("93.184.216.34")) ? "\u001b[2Jexample.com\u0007" : null;

    static List<Scene> scenes() {
        return List.of(
                new Scene("processes", s -> s),
                new Scene("processes-totals-sorted-name", s -> s.with(b -> {
                    b.totals = true;
                    b.sort = SortKey.NAME;
                })),
                new Scene("processes-paused-iface", s -> s.with(b -> {
                    b.paused = true;
                    b.iface = 2;
                })),
                new Scene("detail-hostile", s -> s.with(b -> {
                    b.view = View.DETAIL;
                    b.detailPid = 100;
                })),
                new Scene("detail-wide", s -> s.with(b -> {
                    b.view = View.DETAIL;
                    b.detailPid = 101;
                })),
                new Scene("detail-gone", s -> s.with(b -> {
                    b.view = View.DETAIL;
                    b.detailPid = 99999;
                })),
                new Scene("hosts", s -> s.with(b -> b.view = View.HOSTS)),
                new Scene("tree", s -> s.with(b -> b.tree = true)),
                new Scene("tree-filtered-totals", s -> s.with(b -> {
                    b.tree = true;
                    b.totals = true;
                    b.filter = "proc2";
                })),
                new Scene("groups-users", s -> s.with(b -> {
                    b.view = View.GROUPS;
                    b.groupsByUser = true;
                })),
                new Scene("listen", s -> s.with(b -> b.view = View.LISTEN)),
                new Scene("help", s -> s.with(b -> b.overlay = new Overlay.Help(0))),
                new Scene("kill-choose", s -> s.with(b -> b.overlay = new Overlay.Kill(100, 1100,
                        org.sstop.tui.text.Sanitizer.clean(Fixtures.HOSTILE), 1, Overlay.KillStage.CHOOSE, "", false))),
                new Scene("kill-confirm", s -> s.with(b -> b.overlay = new Overlay.Kill(101, 1101, Fixtures.WIDE, 0,
                        Overlay.KillStage.CONFIRM, "", false))),
                new Scene("kill-result", s -> s.with(b -> b.overlay = new Overlay.Kill(101, 1101, Fixtures.WIDE, 0,
                        Overlay.KillStage.RESULT, "SIGTERM sent to " + Fixtures.WIDE, true))),
                new Scene("search", s -> s.with(b -> {
                    b.overlay = new Overlay.Search();
                    b.filter = "proc1";
                })),
                new Scene("alerts-hostile-full", s -> s.with(b -> {
                    // Sixteen rules, one of them hostile (a --alert rule is not typed: it may hold anything).
                    List<org.sstop.tui.alert.AlertRule> rules = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        rules.add(rule("pid:" + (100 + i)));
                    }
                    rules.add(rule("name:" + Fixtures.HOSTILE + " for 5s"));
                    b.alerts = org.sstop.tui.alert.AlertBook.of(rules);
                    b.overlay = new Overlay.Alerts(15, rules.get(15).text() + " up>1Q",
                            new org.sstop.tui.filter.FilterSyntaxException(40, "hostile " + Fixtures.HOSTILE));
                })));
    }

    static org.sstop.tui.alert.AlertRule rule(String text) {
        try {
            return org.sstop.tui.alert.AlertRule.parse(text);
        } catch (org.sstop.tui.filter.FilterSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        Snapshot[] data = {null, Fixtures.empty(), Fixtures.full(300, true), Fixtures.full(3, false), Fixtures.family(30),
            Fixtures.withLoopback(3)};
        for (Scene scene : scenes()) {
            for (int w : WIDTHS) {
                for (int h : new int[] {24, 40}) {
                    for (Snapshot snap : data) {
                        out.add(Arguments.of(scene, w, h, snap));
                    }
                }
            }
        }
        return out.stream();
    }

    static UiState state(int w, int h, Snapshot snap) {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, w, h, Fixtures.T0);
        return s.with(b -> b.snapshot = snap);
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("matrix")
    void everyViewAndOverlayRendersSafely(Scene scene, int w, int h, Snapshot snap) {
        UiState s = scene.setup().apply(state(w, h, snap));
        CellBuffer buf = Screen.render(s, HOSTILE_NAMES);
        assertEquals(w, buf.width());
        assertEquals(h, buf.height());
        assertSafe(buf);
        String all = buf.toString();
        if (!(s.overlay() instanceof Overlay.Help)) {
            assertTrue(buf.row(0).contains("sstop"), "header names the app:\n" + all);
        } else {
            assertTrue(all.contains("help — Esc") && all.contains("Move"), all);
        }
        if (s.overlay() == null) {
            assertTrue(buf.row(h - 1).contains("quit") && buf.row(h - 1).contains("help"), "footer shows keys:\n" + all);
            String footer = buf.row(h - 1);
            assertEquals(footer.indexOf("q quit"), footer.lastIndexOf("q quit"), "quit is offered once:\n" + footer);
            assertEquals(footer.indexOf("? help"), footer.lastIndexOf("? help"), "help is offered once:\n" + footer);
        }
    }

    /** No cell holds a control character; every wide character is whole. */
    static void assertSafe(CellBuffer buf) {
        for (int y = 0; y < buf.height(); y++) {
            for (int x = 0; x < buf.width(); x++) {
                int cp = buf.charAt(x, y);
                if (cp == CellBuffer.WIDE_TAIL) {
                    if (x == 0 || CellBuffer.widthOf(buf.charAt(x - 1, y)) != 2) {
                        fail("orphan wide tail at " + x + "," + y + ":\n" + buf);
                    }
                    continue;
                }
                if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x202e) {
                    fail("control character U+" + Integer.toHexString(cp) + " at " + x + "," + y + ":\n" + buf);
                }
                if (CellBuffer.widthOf(cp) == 2 && (x + 1 >= buf.width() || buf.charAt(x + 1, y) != CellBuffer.WIDE_TAIL)) {
                    fail("wide character without its tail at " + x + "," + y + ":\n" + buf);
                }
            }
        }
    }

    @Test
    void hostileNamesShowAsVisibleEscapesInEveryViewAndOverlay() {
        Snapshot snap = Fixtures.full(20, false);
        UiState base = state(200, 40, snap).with(b -> b.filter = "");
        // Process table: the hostile process is the one with pid 100; sort by pid to put it first.
        String table = Screen.render(base.with(b -> {
            b.sort = SortKey.PID;
        }), Names.NONE).toString();
        assertTrue(table.contains("\\e]0;pwned\\aevil\\e[2J\\x9b31m\\u202e"), table);
        String detail = Screen.render(base.with(b -> {
            b.view = View.DETAIL;
            b.detailPid = 100;
        }), HOSTILE_NAMES).toString();
        assertTrue(detail.contains("\\e]0;pwned"), detail);
        assertTrue(detail.contains("\\e[2Jexample.com\\a:443"), "DNS name sanitized:\n" + detail);
        String hosts = Screen.render(base.with(b -> b.view = View.HOSTS), Names.NONE).toString();
        assertTrue(hosts.contains("\\e]0;pwned"), "host name and process names sanitized:\n" + hosts);
        String listen = Screen.render(base.with(b -> b.view = View.LISTEN), Names.NONE).toString();
        assertTrue(listen.contains("\\e]0;pwned"), listen);
        assertTrue(table.contains("wl\\e[31mx"), "interface names sanitized:\n" + table);
        UiState killState = new Update(1).apply(base.with(b -> b.sort = SortKey.PID), org.sstop.tui.state.Event.Key.ch('K')).state();
        String kill = Screen.render(killState, Names.NONE).toString();
        assertTrue(kill.contains("kill \\e]0;pwned"), kill);
        UiState searching = base.with(b -> {
            b.overlay = new Overlay.Search();
            b.filter = org.sstop.tui.text.Sanitizer.clean("\u001b[2J");
        });
        assertTrue(Screen.render(searching, Names.NONE).toString().contains("search: \\e[2J"));
    }

    @Test
    void hostsAndListeningSocketsOfAnotherNamespaceSayWhich() {
        Snapshot base = Fixtures.full(5, false);
        HostStats h = base.hosts().get(0);
        ListenEntry l = base.listen().get(0);
        Snapshot snap = new Snapshot(base.sequence(), base.time(), base.elapsed(), base.interval(), base.backends(),
                base.external(), base.loopback(), base.coverage(), base.processes(),
                List.of(new HostStats(h.address(), h.name(), h.traffic(), h.connections(), h.pids(), h.trend(), h.history(), 4026532248L)),
                List.of(new ListenEntry(l.protocol(), l.local(), l.pid(), l.name(), l.cmdline(), 4026532248L)),
                base.interfaces(), base.history(), base.trend(), base.visibility(), base.containers());
        String hosts = Screen.render(state(200, 40, snap).with(b -> b.view = View.HOSTS), Names.NONE).toString();
        assertTrue(hosts.contains(h.address() + ") netns:4026532248") || hosts.contains(h.address() + " netns:4026532248"), hosts);
        String listen = Screen.render(state(200, 40, snap).with(b -> b.view = View.LISTEN), Names.NONE).toString();
        assertTrue(listen.contains("netns:4026532248 "), listen);
        String own = Screen.render(state(200, 40, base).with(b -> b.view = View.HOSTS), Names.NONE).toString();
        assertFalse(own.contains("netns:"), "sstop's own namespace needs no label");
    }

    @Test
    void wideCharactersTakeTwoCellsAndAreNeverSplit() {
        Snapshot snap = Fixtures.full(5, false);
        for (int w = 60; w <= 120; w++) {
            UiState s = state(w, 24, snap).with(b -> b.sort = SortKey.PID);
            CellBuffer buf = Screen.render(s, Names.NONE);
            assertSafe(buf);
            assertTrue(buf.toString().contains("名前"), buf.toString());
        }
    }

    @Test
    void processTableShowsColumnsSortMarkerZebraSelectionAndDimmedExited() {
        Snapshot snap = Fixtures.full(30, false);
        UiState s = state(200, 40, snap);
        CellBuffer buf = Screen.render(s, Names.NONE);
        String header = buf.row(3);
        for (String col : List.of("PID", "PROCESS", "GRAPH", "UPLOAD/s", "DOWNLOAD/s", "CONNS", "LISTEN")) {
            assertTrue(header.contains(col), header);
        }
        assertTrue(header.contains("▼UPLOAD/s") && header.contains("▼DOWNLOAD/s"), "default sort (rate) marked: " + header);
        assertEquals(Theme.SELECTION, Style.bg(buf.styleAt(0, 4)), "first row selected");
        assertEquals(Theme.ZEBRA, Style.bg(buf.styleAt(0, 5)), "odd rows striped");
        assertEquals(Theme.BG, Style.bg(buf.styleAt(0, 6)));
        String all = buf.toString();
        assertTrue(all.contains("(exited)"), all);
        int exitedRow = -1;
        for (int y = 4; y < 39; y++) {
            if (buf.row(y).contains("(exited)")) {
                exitedRow = y;
            }
        }
        assertTrue((Style.attrs(buf.styleAt(2, exitedRow)) & Style.DIM) != 0, "exited row dimmed");
        assertTrue(all.contains("▁") || all.contains("█"), "sparklines drawn");
        UiState pidSorted = s.with(b -> b.sort = SortKey.PID);
        assertTrue(Screen.render(pidSorted, Names.NONE).row(3).contains("▲PID"), "pid sorts ascending");
    }

    @Test
    void theColumnHeaderBarSpansEveryColumnInEveryListView() {
        for (View v : View.values()) {
            for (int w : WIDTHS) {
                UiState s = state(w, 30, Fixtures.withContainers(12)).with(b -> {
                    b.view = v;
                    b.detailPid = b.snapshot.processes().get(0).pid();
                });
                CellBuffer buf = Screen.render(s, Names.NONE);
                int y = org.sstop.tui.state.Geometry.list(s, v).y() - 1;
                for (int x = 0; x < w; x++) {
                    assertEquals(Theme.BORDER, Style.bg(buf.styleAt(x, y)), v + " at " + w + " columns, column " + x
                            + ":\n" + buf.row(y));
                }
            }
        }
    }

    @Test
    void narrowScreensDropTheLeastImportantColumnsFirst() {
        CellBuffer narrow = Screen.render(state(60, 24, Fixtures.full(10, false)), Names.NONE);
        assertTrue(narrow.row(3).contains("PID") && narrow.row(3).contains("UPLOAD") && narrow.row(3).contains("LISTEN"), narrow.row(3));
        assertFalse(narrow.row(3).contains("GRAPH"), narrow.row(3));
    }

    @Test
    void headerShowsRatesTrendInterfacesBackendsPausedAndWarning() {
        UiState s = state(160, 30, Fixtures.full(10, true)).with(b -> {
            b.paused = true;
            b.iface = 0;
        });
        CellBuffer buf = Screen.render(s, Names.NONE);
        assertTrue(buf.row(0).contains("eth0 ↑ 12 KiB/s") && buf.row(0).contains("↓ 66 KiB/s"), "the chosen interface: " + buf.row(0));
        assertTrue(buf.row(0).contains("PAUSED") && buf.row(0).contains("every 1s"), buf.row(0));
        String all = Screen.render(s.with(b -> b.iface = -1), Names.NONE).row(0);
        assertTrue(all.contains("↑ 121 KiB/s") && all.contains("↓ 639 KiB/s"), all);
        assertTrue(all.contains("↑") && all.contains("█"), "trend arrow and system sparkline: " + all);
        assertTrue(buf.row(1).contains("eth0") && buf.row(1).contains("total"), "selected interface with totals: " + buf.row(1));
        assertTrue(buf.row(2).contains("linux-netlink") && buf.row(2).contains("flows —"), buf.row(2));
        assertTrue(buf.row(3).contains("limited visibility") && buf.row(3).contains("+1 more"), buf.row(3));
        CellBuffer clean = Screen.render(state(160, 30, Fixtures.full(10, false)), Names.NONE);
        assertFalse(clean.toString().contains("limited visibility"));
    }

    @Test
    void narrowHeaderKeepsTheRunningBackendsAndDropsTheMissingOnes() {
        Snapshot f = Fixtures.full(3, false);
        Snapshot withCounters = new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), new BackendReport(List.of(
                new BackendReport.ServiceReport("sockets", "linux-netlink", List.of()),
                new BackendReport.ServiceReport("processes", "linux-procfs", List.of()),
                new BackendReport.ServiceReport("interfaces", "linux-procfs", List.of()),
                new BackendReport.ServiceReport("flows", null, List.of()),
                new BackendReport.ServiceReport("counters", "linux-ebpf", List.of()))),
                f.external(), f.loopback(), f.coverage(), f.processes(), f.hosts(), f.listen(), f.interfaces(), f.history(),
                f.trend(), f.visibility());
        String narrow = Screen.render(state(100, 24, withCounters), Names.NONE).row(2);
        assertTrue(narrow.contains("counters linux-ebpf") && !narrow.contains("flows"), narrow);
        String wide = Screen.render(state(120, 24, withCounters), Names.NONE).row(2);
        assertTrue(wide.indexOf("counters linux-ebpf") < wide.indexOf("flows —"), "running backends first: " + wide);
    }

    @Test
    void detailShowsIdentitySocketsBadgesServicesAndNames() {
        UiState s = state(160, 30, Fixtures.full(10, false)).with(b -> {
            b.view = View.DETAIL;
            b.detailPid = 103;
        });
        String text = Screen.render(s, HOSTILE_NAMES).toString();
        for (String expected : List.of("proc3", "pid 103", "user root", "/usr/bin/proc3", "listening", "tcp 0.0.0.0:8003",
                "ESTABLISHED", "TIME_WAIT", "SYN_SENT", "CLOSE_WAIT", "UNCONNECTED", "LISTEN", "https", "postgres", "redis",
                "ssh", "1m35s", "[2001:db8::1]:22")) {
            assertTrue(text.contains(expected), expected + " in\n" + text);
        }
        assertTrue(text.contains("example.com"), "remote shown by name when DNS is on:\n" + text);
        String noDns = Screen.render(s.with(b -> b.dns = false), HOSTILE_NAMES).toString();
        assertFalse(noDns.contains("example.com"), noDns);
        assertTrue(noDns.contains("93.184.216.34:443"), noDns);
    }

    @Test
    void hostsAndListenViewsShowTheirColumns() {
        UiState s = state(160, 30, Fixtures.full(10, false));
        String hosts = Screen.render(s.with(b -> b.view = View.HOSTS), Names.NONE).toString();
        assertTrue(hosts.contains("HOST") && hosts.contains("192.0.2.2") && hosts.contains("proc1(101)") || hosts.contains("(102)"), hosts);
        assertTrue(hosts.contains("2001:db8::42"), hosts);
        String listen = Screen.render(s.with(b -> b.view = View.LISTEN), Names.NONE).toString();
        assertTrue(listen.contains("PROTO") && listen.contains("8003") && listen.contains("udp") && listen.contains("::"), listen);
        assertTrue(listen.contains("/usr/bin/proc3 --option value3"), listen);
    }

    @Test
    void selectionScrollsWithTheCursor() {
        UiState s = state(100, 20, Fixtures.running(100)).with(b -> {
            b.sort = SortKey.PID;
            b.procs = new Cursor(50, 45, 150);
        });
        CellBuffer buf = Screen.render(s, Names.NONE);
        assertTrue(buf.row(4).contains("145"), buf.toString());
        int selectedRow = 4 + 5;
        assertTrue(buf.row(selectedRow).contains("150"));
        assertEquals(Theme.SELECTION, Style.bg(buf.styleAt(0, selectedRow)));
    }

    @Test
    void tinyTerminalsGetAShortMessage() {
        int[][] sizes = {{0, 0}, {1, 1}, {5, 2}, {10, 3}, {39, 30}, {120, 7}, {39, 7}, {40, 8}};
        for (int[] sz : sizes) {
            UiState s = state(sz[0], sz[1], Fixtures.full(50, true));
            CellBuffer buf = Screen.render(s, Names.NONE);
            assertSafe(buf);
            if (sz[0] < 40 || sz[1] < 8) {
                String t = buf.toString();
                assertTrue(sz[0] == 0 || sz[1] == 0 || t.contains("small") || t.contains("!"), t);
            }
        }
    }

    @Test
    void helpScrollsOnShortScreensAndShowsEveryBindingOnTallOnes() {
        UiState tall = state(120, 60, Fixtures.full(5, false)).with(b -> b.overlay = new Overlay.Help(0));
        String all = Screen.render(tall, Names.NONE).toString();
        for (org.sstop.tui.state.KeyMap.Binding b : org.sstop.tui.state.KeyMap.BINDINGS) {
            assertTrue(all.contains(b.keyLabel()) && all.contains(b.help()), b + " in\n" + all);
        }
        assertTrue(all.contains("mouse"), all);
        UiState shortScreen = state(100, 12, Fixtures.full(5, false)).with(b -> b.overlay = new Overlay.Help(0));
        String top = Screen.render(shortScreen, Names.NONE).toString();
        assertTrue(top.contains("↓ j/k") && top.contains("Move") && !top.contains("Ctrl+C"), top);
        Update u = new Update(1);
        UiState s = shortScreen;
        for (int i = 0; i < 34; i++) { // down to the Actions group, its quit line in sight
            s = u.apply(s, org.sstop.tui.state.Event.Key.ch('j')).state();
        }
        String bottom = Screen.render(s, Names.NONE).toString();
        assertTrue(bottom.contains("Ctrl+C") && bottom.contains("↑ j/k") && !bottom.contains("PgDn"), bottom);
    }

    @Test
    void missingTextFieldsRenderAsPlaceholders() {
        Snapshot base = Fixtures.full(3, false);
        org.sstop.core.ProcessStats odd = new org.sstop.core.ProcessStats(77, 0, null, null, null, 0,
                org.sstop.core.ProcessState.RUNNING, null, org.sstop.core.Traffic.ZERO, 0, 0, org.sstop.core.Trend.STABLE,
                org.sstop.core.RateHistory.EMPTY, List.of());
        Snapshot snap = new Snapshot(2, base.time(), base.elapsed(), base.interval(), base.backends(), base.external(), base.loopback(), base.coverage(), List.of(odd), base.hosts(), List.of(new org.sstop.core.ListenEntry(
                        org.sstop.api.Protocol.TCP, Fixtures.ep("0.0.0.0", 1), 77, null, null)), base.interfaces(),
                base.history(), base.trend(), base.visibility());
        for (View v : View.values()) {
            UiState s = state(100, 20, snap).with(b -> {
                b.view = v;
                b.detailPid = 77;
            });
            CellBuffer buf = Screen.render(s, Names.NONE);
            assertSafe(buf);
            if (v == View.PROCESSES) {
                assertTrue(buf.toString().contains("77 ?"), buf.toString());
            }
        }
        UiState searching = state(100, 20, snap).with(b -> b.filter = "x");
        assertTrue(searching.rows().processes().isEmpty());
    }
}
