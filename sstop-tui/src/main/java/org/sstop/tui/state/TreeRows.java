package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Traffic;

/**
 * The process table as a tree (htop's {@code t}): each process under its parent (by ppid), the
 * processes whose parent is not in the snapshot as roots, siblings in the table's order. A
 * parent's row rolls up its subtree: its rates, totals, deltas and graph are its own plus every
 * descendant's, so the row is a copy of the process with that traffic (and the order of siblings
 * is the order of what the rows show). A filter keeps the ancestors of every match, marked as
 * context. Built once per change of its inputs ({@link Rows}), never per frame. Stateless.
 *
 * <p>The ppids come from the system and may be hostile or raced (a pid reused between two
 * reads): a ppid that closes a cycle is cut there, its process becoming a root, so that every
 * walk up or down the tree ends; the drawing stops indenting at {@link #MAX_INDENT}.
 */
final class TreeRows {

    /** Levels drawn indented; deeper processes are drawn at this depth (their guide cut). */
    static final int MAX_INDENT = 12;

    /**
     * The rows with their places in the tree.
     *
     * @param rows the processes in display order (a parent as its rolled-up copy)
     * @param nodes each row's place, same order
     */
    record Table(List<ProcessStats> rows, List<TreeNode> nodes) {
    }

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
    static Table of(List<ProcessStats> all, Predicate<ProcessStats> keep, Comparator<ProcessStats> order,
            Set<Integer> folded) {
        int n = all.size();
        int[] parent = parents(all);
        int[] childCount = new int[n + 1]; // [n]: the roots
        for (int i = 0; i < n; i++) {
            childCount[parent[i] < 0 ? n : parent[i]]++;
        }
        int[][] children = new int[n + 1][];
        for (int i = 0; i <= n; i++) {
            children[i] = new int[childCount[i]];
        }
        int[] fill = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int p = parent[i] < 0 ? n : parent[i];
            children[p][fill[p]++] = i;
        }
        ProcessStats[] shown = rollUp(all, children, n);
        boolean[] visible = visible(all, parent, keep);
        List<ProcessStats> rows = new ArrayList<>();
        List<TreeNode> nodes = new ArrayList<>();
        // Depth-first, iteratively: each entry is a process with the guide its children continue.
        Comparator<Integer> siblings = (a, b) -> order.compare(shown[a], shown[b]);
        ArrayList<Object[]> stack = new ArrayList<>();
        pushChildren(stack, children[n], visible, siblings, "", -1);
        while (!stack.isEmpty()) {
            Object[] top = stack.remove(stack.size() - 1);
            int i = (Integer) top[0];
            String guide = (String) top[1];
            int depth = (Integer) top[2];
            boolean last = (Boolean) top[3];
            ProcessStats p = all.get(i);
            boolean hasChildren = children[i].length > 0;
            boolean isFolded = hasChildren && folded.contains(p.pid());
            String own = depth == 0 ? "" : depth > MAX_INDENT ? guide : guide + (last ? "└─" : "├─");
            rows.add(shown[i]);
            nodes.add(new TreeNode(Math.min(depth, MAX_INDENT), own, hasChildren, isFolded,
                    keep != null && !keep.test(p)));
            if (hasChildren && !isFolded) {
                String next = depth == 0 || depth > MAX_INDENT - 1 ? guide : guide + (last ? "  " : "│ ");
                pushChildren(stack, children[i], visible, siblings, next, depth);
            }
        }
        return new Table(Collections.unmodifiableList(rows), Collections.unmodifiableList(nodes));
    }

    /** Pushes the visible children, sorted, so that the first is on top of the stack. */
    private static void pushChildren(ArrayList<Object[]> stack, int[] kids, boolean[] visible,
            Comparator<Integer> siblings, String guide, int depth) {
        List<Integer> shown = new ArrayList<>(kids.length);
        for (int k : kids) {
            if (visible[k]) {
                shown.add(k);
            }
        }
        shown.sort(siblings);
        for (int j = shown.size() - 1; j >= 0; j--) {
            stack.add(new Object[] {shown.get(j), guide, depth + 1, j == shown.size() - 1});
        }
    }

    /**
     * Each process's parent (its index in {@code all}), -1 for a root: the first process with
     * the ppid, unless that is itself or closes a cycle (then the ppid is cut and it is a root).
     */
    static int[] parents(List<ProcessStats> all) {
        int n = all.size();
        Map<Integer, Integer> byPid = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            byPid.putIfAbsent(all.get(i).pid(), i);
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            ProcessStats p = all.get(i);
            Integer q = p.ppid() > 0 ? byPid.get(p.ppid()) : null;
            parent[i] = q == null || q == i ? -1 : q;
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

    /** What each row shows: the process itself, or for a parent a copy with its subtree's traffic and graph. */
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
        RateHistory[] history = new RateHistory[n];
        for (int k = count - 1; k >= 0; k--) {
            int i = pre[k];
            if (children[i].length == 0) {
                sum[i] = all.get(i).traffic();
                history[i] = all.get(i).history();
                continue;
            }
            Traffic t = all.get(i).traffic();
            double ur = t.upRate();
            double dr = t.downRate();
            long ub = t.upBytes();
            long db = t.downBytes();
            long ud = t.upDelta();
            long dd = t.downDelta();
            List<RateHistory> graphs = new ArrayList<>(children[i].length + 1);
            graphs.add(all.get(i).history());
            for (int c : children[i]) {
                Traffic ct = sum[c];
                ur += ct.upRate();
                dr += ct.downRate();
                ub += ct.upBytes();
                db += ct.downBytes();
                ud += ct.upDelta();
                dd += ct.downDelta();
                graphs.add(history[c]);
            }
            sum[i] = new Traffic(ur, dr, ub, db, ud, dd);
            history[i] = add(graphs);
        }
        ProcessStats[] shown = new ProcessStats[n];
        for (int i = 0; i < n; i++) {
            ProcessStats p = all.get(i);
            shown[i] = children[i].length == 0 || sum[i] == null ? p
                    : new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(), p.startTime(), p.state(),
                            p.exitedAt(), sum[i], p.connections(), p.listening(), p.trend(), history[i], p.sockets(),
                            p.netns(), p.container());
        }
        return shown;
    }

    /** The per-second sum of histories, aligned on their newest second. */
    static RateHistory add(List<RateHistory> graphs) {
        int size = 0;
        for (RateHistory h : graphs) {
            size = Math.max(size, h.size());
        }
        long[] up = new long[size];
        long[] down = new long[size];
        for (RateHistory h : graphs) {
            int shift = size - h.size();
            for (int i = 0; i < h.size(); i++) {
                up[shift + i] += h.up(i);
                down[shift + i] += h.down(i);
            }
        }
        return RateHistory.of(up, down);
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
