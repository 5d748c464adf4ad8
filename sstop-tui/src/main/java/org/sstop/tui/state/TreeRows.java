package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.sstop.core.ProcessStats;
import org.sstop.core.Traffic;

/**
 * The process table as a tree (htop's {@code t}): each process under its parent (by ppid), the
 * processes whose parent is not in the snapshot as roots, siblings in the table's order. A
 * parent's row rolls up its subtree: its rates, totals and deltas are its own plus every
 * descendant's, so the row is a copy of the process with that traffic (and the order of siblings
 * is the order of what the rows show); its graph, the same sum, is summed when drawn ({@link TreeTable}). A filter keeps the ancestors of every match, marked as
 * context. Built once per change of its inputs ({@link Rows}), never per frame. Stateless.
 *
 * <p>The ppids come from the system and may be hostile or raced (a pid reused between two
 * reads): a ppid that closes a cycle is cut there, its process becoming a root, so that every
 * walk up or down the tree ends; the drawing stops indenting at {@link #MAX_INDENT}.
 */
final class TreeRows {

    /** Levels drawn indented; deeper processes are drawn at this depth (their guide cut). */
    static final int MAX_INDENT = 12;

    private TreeRows() {
    }

    /**
     * The tree of a snapshot's processes.
     *
     * @param all the snapshot's processes
     * @param keep the filter (null keeps every process)
     * @param order the table's order, applied among siblings
     * @param folded the pids whose children are folded away
     * @return the rows in depth-first order
     */
    static TreeTable of(List<ProcessStats> all, Predicate<ProcessStats> keep, Comparator<ProcessStats> order,
            Set<Integer> folded) {
        int n = all.size();
        int[] parent = parents(all);
        int[][] children = children(parent, null, n);
        ProcessStats[] shown = rollUp(all, children, n);
        boolean[] visible = visible(all, parent, keep);
        // One sort of every visible row (what the flat table does); each parent's children are then
        // collected in that order, so siblings need no sort of their own.
        List<Integer> sorted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (visible[i]) {
                sorted.add(i);
            }
        }
        sorted.sort((a, b) -> order.compare(shown[a], shown[b]));
        int[] rank = new int[sorted.size()];
        for (int k = 0; k < rank.length; k++) {
            rank[k] = sorted.get(k);
        }
        int[][] kids = children(parent, rank, n);
        int m = rank.length;
        List<ProcessStats> rows = new ArrayList<>(m);
        int[] depthOut = new int[m];
        int[] linesOut = new int[m];
        byte[] flagsOut = new byte[m];
        int[] indexOut = new int[m];
        int[] depth = new int[n];
        int[] lines = new int[n];
        boolean[] last = new boolean[n];
        int[] stack = new int[n];
        int top = push(stack, 0, kids[n], depth, lines, last, -1, 0);
        while (top > 0) {
            int i = stack[--top];
            ProcessStats p = all.get(i);
            boolean hasChildren = children[i].length > 0;
            boolean isFolded = hasChildren && !folded.isEmpty() && folded.contains(p.pid());
            int row = rows.size();
            indexOut[row] = i;
            rows.add(shown[i]);
            depthOut[row] = Math.min(depth[i], MAX_INDENT);
            linesOut[row] = lines[i];
            flagsOut[row] = (byte) ((last[i] ? TreeTable.LAST : 0) | (hasChildren ? TreeTable.ROLLED_UP : 0)
                    | (isFolded ? TreeTable.FOLDED : 0) | (keep != null && !keep.test(p) ? TreeTable.CONTEXT : 0));
            if (hasChildren && !isFolded) {
                // Below this row, a line goes on at its own level if it has siblings after it.
                int next = depth[i] >= 1 && depth[i] < MAX_INDENT && !last[i] ? lines[i] | (1 << depth[i]) : lines[i];
                top = push(stack, top, kids[i], depth, lines, last, depth[i], next);
            }
        }
        int r = rows.size(); // fewer than the visible processes when a parent is folded
        return new TreeTable(Collections.unmodifiableList(rows), Arrays.copyOf(depthOut, r), Arrays.copyOf(linesOut, r),
                Arrays.copyOf(flagsOut, r), all, Arrays.copyOf(indexOut, r), children);
    }

    /** Pushes the children (in order) so that the first is on top of the stack; returns the new top. */
    private static int push(int[] stack, int top, int[] kids, int[] depth, int[] lines, boolean[] last, int parentDepth,
            int parentLines) {
        for (int j = kids.length - 1; j >= 0; j--) {
            int k = kids[j];
            depth[k] = parentDepth + 1;
            lines[k] = parentLines;
            last[k] = j == kids.length - 1;
            stack[top++] = k;
        }
        return top;
    }

    /**
     * Each process's children ({@code [n]}: the roots): of every process in index order, or with
     * {@code order} (indices, first to last) of those alone, in that order.
     */
    private static int[][] children(int[] parent, int[] order, int n) {
        int[] count = new int[n + 1];
        int m = order == null ? n : order.length;
        for (int k = 0; k < m; k++) {
            int i = order == null ? k : order[k];
            count[parent[i] < 0 ? n : parent[i]]++;
        }
        int[][] children = new int[n + 1][];
        for (int i = 0; i <= n; i++) {
            children[i] = count[i] == 0 ? NONE : new int[count[i]];
        }
        int[] fill = new int[n + 1];
        for (int k = 0; k < m; k++) {
            int i = order == null ? k : order[k];
            int p = parent[i] < 0 ? n : parent[i];
            children[p][fill[p]++] = i;
        }
        return children;
    }

    private static final int[] NONE = new int[0];

    /**
     * Each process's parent (its index in {@code all}), -1 for a root: the first process with
     * the ppid, unless that is itself or closes a cycle (then the ppid is cut and it is a root).
     */
    static int[] parents(List<ProcessStats> all) {
        int n = all.size();
        PidIndex byPid = new PidIndex(all);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            ProcessStats p = all.get(i);
            int q = p.ppid() > 0 ? byPid.get(p.ppid()) : -1;
            parent[i] = q == i ? -1 : q;
        }
        // Each walk up marks its path with its own stamp; meeting the stamp again is a cycle. A walk
        // stops at a process already known to reach a root, so all walks together take O(n) steps.
        int[] stamp = new int[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            while (!done[j]) {
                stamp[j] = i + 1;
                int up = parent[j];
                if (up < 0 || done[up]) {
                    break;
                }
                if (stamp[up] == i + 1) {
                    parent[j] = -1; // a cycle: cut it here
                    break;
                }
                j = up;
            }
            for (int k = i; k >= 0 && !done[k]; k = parent[k]) {
                done[k] = true;
            }
        }
        return parent;
    }

    /** What each row shows: the process itself, or for a parent a copy with its subtree's traffic ({@link TreeTable} sums its graph). */
    private static ProcessStats[] rollUp(List<ProcessStats> all, int[][] children, int n) {
        // Post-order from an explicit pre-order, so no recursion however deep the tree.
        int[] pre = new int[n];
        int count = 0;
        int[] stack = new int[n];
        int top = 0;
        for (int r : children[n]) {
            stack[top++] = r;
            while (top > 0) {
                int i = stack[--top];
                pre[count++] = i;
                for (int c : children[i]) {
                    stack[top++] = c;
                }
            }
        }
        Traffic[] sum = new Traffic[n];
        for (int k = count - 1; k >= 0; k--) {
            int i = pre[k];
            Traffic t = all.get(i).traffic();
            if (children[i].length == 0) {
                sum[i] = t;
                continue;
            }
            TrafficSum subtree = new TrafficSum();
            subtree.add(t);
            for (int c : children[i]) {
                subtree.add(sum[c]);
            }
            sum[i] = subtree.traffic();
        }
        ProcessStats[] shown = new ProcessStats[n];
        for (int i = 0; i < n; i++) {
            ProcessStats p = all.get(i);
            shown[i] = children[i].length == 0 || sum[i] == null ? p
                    : new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(), p.startTime(), p.state(),
                            p.exitedAt(), sum[i], p.connections(), p.listening(), p.trend(), p.history(), p.sockets(),
                            p.netns(), p.container());
        }
        return shown;
    }

    /** Pids to the index of their first process: open addressing over ints, no boxing (it runs every sample). */
    private static final class PidIndex {
        private final int[] keys;
        private final int[] values;
        private final int mask;

        PidIndex(List<ProcessStats> all) {
            int cap = Integer.highestOneBit(Math.max(4, all.size() * 2 - 1)) << 1;
            keys = new int[cap];
            values = new int[cap];
            mask = cap - 1;
            for (int i = 0; i < all.size(); i++) {
                int pid = all.get(i).pid();
                int slot = find(pid);
                if (keys[slot] == 0 && pid != 0) { // the first keeps the pid, as a scan would find it
                    keys[slot] = pid;
                    values[slot] = i;
                }
            }
        }

        /** The slot of {@code pid}, or the empty slot where it would go (the table is never more than half full). */
        private int find(int pid) {
            int h = pid * 0x9E3779B9;
            int slot = (h ^ h >>> 16) & mask;
            while (keys[slot] != 0 && keys[slot] != pid) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        /** The index of the first process with this pid, or -1. */
        int get(int pid) {
            if (pid == 0) {
                return -1;
            }
            int slot = find(pid);
            return keys[slot] == pid ? values[slot] : -1;
        }
    }

    /** The processes the filter keeps and their ancestors; all of them without a filter. */
    private static boolean[] visible(List<ProcessStats> all, int[] parent, Predicate<ProcessStats> keep) {
        boolean[] visible = new boolean[all.size()];
        if (keep == null) {
            Arrays.fill(visible, true);
            return visible;
        }
        for (int i = 0; i < all.size(); i++) {
            if (keep.test(all.get(i))) {
                // Up to the first already visible: the parents are acyclic, so this ends, in O(n) in all.
                for (int j = i; j >= 0 && !visible[j]; j = parent[j]) {
                    visible[j] = true;
                }
            }
        }
        return visible;
    }
}
