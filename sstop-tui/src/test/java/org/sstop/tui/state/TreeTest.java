package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.testing.Fixtures;

/** The process tree ({@code t}): shape, roll-up, sibling order, folds, the filter's ancestors, hostile ppids. */
class TreeTest {

    private final UiDriver ui = new UiDriver();

    private static List<Integer> pids(UiState s) {
        return s.rows().processes().stream().map(ProcessStats::pid).toList();
    }

    /** The family by pid (s three times from rate: download, upload, pid), as a tree, on its first row. */
    private UiState byPid(Snapshot snap) {
        UiState s = ui.type(ui.start(snap), "ssstg"); // g: the first row
        assertEquals(SortKey.PID, s.sort());
        return s;
    }

    @Test
    void childrenFollowTheirParentsAndSiblingsKeepTheTablesOrder() {
        UiState s = byPid(Fixtures.family(30));
        List<Integer> expected = new ArrayList<>(List.of(100, 101));
        for (int parent = 101; parent <= 104; parent++) {
            if (parent > 101) {
                expected.add(parent);
            }
            for (int i = 5; i < 30; i++) {
                if (101 + (i - 5) % 4 == parent) {
                    expected.add(100 + i);
                }
            }
        }
        // Exited processes come last among their siblings, as in the flat table.
        List<Integer> actual = pids(s);
        assertEquals(30, actual.size());
        assertEquals(new HashSet<>(expected), new HashSet<>(actual));
        assertEquals(List.of(100, 101), actual.subList(0, 2));
        TreeNode root = s.rows().treeNode(0);
        assertEquals(new TreeNode(0, 0, true, true, false, false), root);
        assertEquals("", root.guide());
        assertEquals("├─", s.rows().treeNode(1).guide(), "101 has siblings after it");
        assertEquals(2, s.rows().treeNode(2).depth());
        assertEquals("│ ├─", s.rows().treeNode(2).guide());
        int last = actual.indexOf(104);
        assertEquals("└─", s.rows().treeNode(last).guide(), "104 is the last child of 100");
        assertEquals("  ├─", s.rows().treeNode(last + 1).guide(), "under a last child, no line goes on");

        UiState reversed = ui.type(s, "S");
        int a = pids(reversed).indexOf(101);
        int b = pids(reversed).indexOf(104);
        assertTrue(b < a, "S reverses the siblings: " + pids(reversed));
        assertEquals(100, pids(reversed).get(0), "the root stays above its children");

        assertNull(ui.type(s, "t").rows().treeNode(0), "t again: flat");
        assertEquals(Fixtures.family(30).processes().size(), ui.type(s, "t").rows().processes().size());
    }

    @Test
    void aParentsRowRollsUpItsWholeSubtree() {
        Snapshot snap = Fixtures.family(30);
        UiState s = byPid(snap);
        ProcessStats root = s.rows().processes().get(0);
        double up = 0;
        long down = 0;
        long lastSecond = 0;
        for (ProcessStats p : snap.processes()) {
            up += p.traffic().upRate();
            down += p.traffic().downBytes();
            lastSecond += p.history().total(p.history().size() - 1);
        }
        assertEquals(up, root.traffic().upRate(), 1e-6, "rates of itself and every descendant");
        assertEquals(down, root.traffic().downBytes(), "totals too");
        RateHistory graph = s.rows().graph(0, 60);
        assertEquals(lastSecond, graph.total(graph.size() - 1), "and its graph");
        assertSame(graph, s.rows().graph(0, 60), "summed once");
        RateHistory last16 = s.rows().graph(0, 16);
        assertEquals(16, last16.size(), "a 16-cell column needs 16 seconds summed, no more");
        assertEquals(graph.total(59), last16.total(15));
        assertEquals(graph.total(44), last16.total(0));
        ProcessStats own = s.rows().process(100);
        assertTrue(own.traffic().upRate() < root.traffic().upRate(), "the snapshot's own process is untouched");

        int leaf = pids(s).indexOf(105);
        assertFalse(s.rows().treeNode(leaf).rolledUp());
        assertSame(s.rows().process(105), s.rows().processes().get(leaf), "a leaf is the process itself");
    }

    @Test
    void xFoldsTheSelectedParentAndTheCursorStaysOnIt() {
        UiState s = ui.send(byPid(Fixtures.family(30)), Key.ch('j')); // on 101
        assertEquals(101, Update.selectedPid(s));
        UiState folded = ui.type(s, "x");
        assertEquals(Set.of(101), folded.folded());
        assertEquals(101, Update.selectedPid(folded));
        assertTrue(folded.rows().treeNode(1).folded());
        assertEquals(30 - 7, folded.rows().processes().size(), "101's seven children are folded away");
        assertTrue(folded.rows().processes().get(1).traffic().upRate() > s.rows().process(101).traffic().upRate(),
                "a folded row still sums its children");
        assertEquals(s.rows().processes(), ui.type(folded, "x").rows().processes(), "x again unfolds");

        UiState all = ui.type(s, "X");
        assertEquals(List.of(100), pids(all), "X folds every parent: the root alone is left");
        assertEquals(30, ui.type(all, "X").rows().processes().size(), "X again unfolds them all");
        UiState leaf = ui.type(ui.send(s, Key.ch('j')), "x");
        assertEquals(Set.of(), leaf.folded(), "a leaf has nothing to fold");
        assertEquals(Set.of(), ui.type(ui.type(s, "t"), "x").folded(), "the flat table has no folds");
    }

    @Test
    void aFoldGoesWithItsProcessSoThatAReusedPidIsNotFolded() {
        Snapshot family = Fixtures.family(30);
        UiState folded = ui.type(ui.send(byPid(family), Key.ch('j')), "x"); // 101 folded
        assertEquals(Set.of(101), folded.folded());
        assertSame(folded.folded(), ui.send(folded, new Event.SnapshotArrived(family)).folded(), "still there: kept");
        List<ProcessStats> without = family.processes().stream().filter(p -> p.pid() != 101).toList();
        UiState gone = ui.send(folded, new Event.SnapshotArrived(new Snapshot(family.sequence(), family.time(),
                family.elapsed(), family.interval(), family.backends(), family.external(), family.loopback(),
                family.coverage(), without, family.hosts(), family.listen(), family.interfaces(), family.history(),
                family.trend(), family.visibility(), List.of(), family.users())));
        assertEquals(Set.of(), gone.folded(), "101 exited and left the snapshot: its fold is dropped");
        UiState reused = ui.send(gone, new Event.SnapshotArrived(family));
        assertFalse(reused.rows().treeNode(pids(reused).indexOf(101)).folded(), "a new 101 comes up unfolded");
        assertEquals(30, reused.rows().processes().size());
    }

    @Test
    void theFilterKeepsTheAncestorsOfAMatchAsContext() {
        UiState s = ui.type(ui.send(byPid(Fixtures.family(30)), Key.ch('/')), "proc9");
        s = ui.send(s, Key.of(KeyKind.ENTER));
        assertEquals(List.of(100, 101, 109), pids(s));
        assertTrue(s.rows().treeNode(0).context());
        assertTrue(s.rows().treeNode(1).context());
        assertFalse(s.rows().treeNode(2).context(), "the match itself");
        UiState expression = ui.send(ui.type(ui.send(byPid(Fixtures.family(30)), Key.ch('/')), "pid:109 OR pid:110"),
                Key.of(KeyKind.ENTER));
        assertEquals(List.of(100, 101, 109, 102, 110), pids(expression));
    }

    @Test
    void theTreeIsBuiltOncePerChangeNotPerKeyOrTick() {
        UiState s = byPid(Fixtures.family(30));
        UiState moved = ui.send(s, Key.ch('j'), Key.of(KeyKind.DOWN), new Event.Tick(Fixtures.T0.plusSeconds(3)), Key.ch('b'));
        assertSame(s.rows().processes(), moved.rows().processes(), "moving, ticking and units rebuild nothing");
        assertEquals(s.rows().treeNode(3), moved.rows().treeNode(3));
    }

    private static ProcessStats proc(int pid, int ppid) {
        return new ProcessStats(pid, ppid, "p" + pid, "", "root", pid, ProcessState.RUNNING, null,
                new Traffic(pid, 0, pid, 0), 0, 0, Trend.STABLE, RateHistory.EMPTY, List.of());
    }

    @Test
    void hostileParentIdsNeitherLoopNorLoseAProcess() {
        // A two-cycle, a process its own parent, a child of the cycle, and a three-cycle.
        List<ProcessStats> all = List.of(proc(10, 11), proc(11, 10), proc(12, 12), proc(13, 10), proc(20, 22),
                proc(21, 20), proc(22, 21));
        TreeTable t = TreeRows.of(all, null, RowOrders.processes(SortKey.PID, false, false), Set.of());
        // 10's walk meets 10 again from 11: 11's ppid is cut; 20's walk (22, 21) meets 20 from 21.
        assertEquals(List.of(11, 10, 13, 12, 21, 22, 20), t.rows().stream().map(ProcessStats::pid).toList(),
                "each cycle cut once, where the walk closed it");
        assertEquals(11 + 10 + 13, t.rows().get(0).traffic().upRate(), 1e-9, "the cut cycle sums each process once");
        int[] parent = TreeRows.parents(all);
        assertEquals(-1, parent[2], "its own parent: a root");
    }

    @Test
    void aDeepChainEndsAndIndentsNoFurtherThanTheBound() {
        List<ProcessStats> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            all.add(proc(1_000 + i, i == 0 ? 1 : 999 + i));
        }
        TreeTable t = TreeRows.of(all, null, RowOrders.processes(SortKey.PID, false, false), Set.of());
        assertEquals(5_000, t.rows().size());
        TreeNode deepest = t.node(4_999);
        assertEquals(TreeRows.MAX_INDENT, deepest.depth());
        assertTrue(deepest.guide().length() <= 2 * TreeRows.MAX_INDENT, deepest.guide());
        long sum = 0;
        for (ProcessStats p : all) {
            sum += p.traffic().upBytes();
        }
        assertEquals(sum, t.rows().get(0).traffic().upBytes(), "no recursion limit: the root sums 5,000 levels");
    }

    @Test
    void graphsOfDifferentLengthsAddOnTheirNewestSecond() {
        ProcessStats parent = withHistory(proc(10, 1), RateHistory.of(new long[] {1, 2, 3}, new long[] {0, 0, 10}));
        ProcessStats child = withHistory(proc(11, 10), RateHistory.of(new long[] {5}, new long[] {7}));
        ProcessStats young = withHistory(proc(12, 11), RateHistory.EMPTY);
        TreeTable t = TreeRows.of(List.of(child, young, parent), null, RowOrders.processes(SortKey.PID, false, false),
                Set.of(11));
        assertEquals(List.of(10, 11), t.rows().stream().map(ProcessStats::pid).toList(), "12 folded away under 11");
        assertEquals(RateHistory.of(new long[] {1, 2, 8}, new long[] {0, 0, 17}), t.graph(0, 60));
        assertEquals(RateHistory.of(new long[] {5}, new long[] {7}), t.graph(1, 60), "a folded parent's graph still sums");
        assertEquals(RateHistory.of(new long[] {2, 8}, new long[] {0, 17}), t.graph(0, 2), "the last two seconds");
        assertSame(child.history(), TreeRows.of(List.of(child), null, RowOrders.processes(SortKey.PID, false, false),
                Set.of()).graph(0, 60), "a leaf's graph is its own");
    }

    private static ProcessStats withHistory(ProcessStats p, RateHistory h) {
        return new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(), p.startTime(), p.state(), null,
                p.traffic(), 0, 0, Trend.STABLE, h, List.of());
    }
}
