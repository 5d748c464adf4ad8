package org.sstop.tui.state;

import java.util.Arrays;
import java.util.List;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;

/**
 * The process table's rows ({@link ProcessRows}), flat or as a tree ({@link TreeRows}), with
 * each tree row's place and, on demand, a parent's graph summed over its subtree: the view
 * draws a screenful of rows, so only those parents' graphs are ever summed (once per table).
 * Immutable to its readers; the graphs are memoized, and a graph read twice at once is summed
 * twice to equal values.
 */
final class TreeTable {

    static final byte LAST = 1;
    static final byte ROLLED_UP = 2;
    static final byte FOLDED = 4;
    static final byte CONTEXT = 8;

    private final List<ProcessStats> rows;
    private final int[] depth;
    private final int[] lines;
    private final byte[] flags;
    private final List<ProcessStats> all;
    private final int[] index;
    private final int[][] children;
    private final RateHistory[] graphs;
    /** The seconds each memoized graph was summed over. */
    private final int[] graphSeconds;

    /**
     * @param rows the processes in display order (a parent as a copy with its subtree's traffic)
     * @param depth each row's depth, null when flat (then so are the others)
     * @param lines each row's {@link TreeNode#lines()}
     * @param flags each row's {@link #LAST}, {@link #ROLLED_UP}, {@link #FOLDED}, {@link #CONTEXT} bits
     * @param all the snapshot's processes
     * @param index each row's process in {@code all}
     * @param children each process's children in {@code all}, hidden ones included
     */
    TreeTable(List<ProcessStats> rows, int[] depth, int[] lines, byte[] flags, List<ProcessStats> all, int[] index,
            int[][] children) {
        this.rows = rows;
        this.depth = depth;
        this.lines = lines;
        this.flags = flags;
        this.all = all;
        this.index = index;
        this.children = children;
        this.graphs = depth == null ? null : new RateHistory[rows.size()];
        this.graphSeconds = depth == null ? null : new int[rows.size()];
    }

    /** A flat table. */
    static TreeTable flat(List<ProcessStats> rows) {
        return new TreeTable(rows, null, null, null, null, null, null);
    }

    /** The rows. */
    List<ProcessStats> rows() {
        return rows;
    }

    /** Row {@code i}'s place, or null in a flat table. */
    TreeNode node(int i) {
        if (depth == null || i < 0 || i >= depth.length) {
            return null;
        }
        byte f = flags[i];
        return new TreeNode(depth[i], lines[i], (f & LAST) != 0, (f & ROLLED_UP) != 0, (f & FOLDED) != 0,
                (f & CONTEXT) != 0);
    }

    /**
     * Row {@code i}'s graph over its last {@code seconds} (what a graph column that wide draws): a
     * parent's, the per-second sum over its subtree; else the process's own (whole).
     */
    RateHistory graph(int i, int seconds) {
        if (graphs == null || (flags[i] & ROLLED_UP) == 0) {
            return rows.get(i).history();
        }
        int wanted = Math.max(1, Math.min(RateHistory.CAPACITY, seconds));
        RateHistory g = graphs[i];
        if (g == null || graphSeconds[i] != wanted) {
            g = subtree(index[i], wanted);
            graphs[i] = g;
            graphSeconds[i] = wanted;
        }
        return g;
    }

    /** The per-second sum of a process's and all its descendants' last {@code cap} seconds, aligned on the newest. */
    private RateHistory subtree(int root, int cap) {
        long[] up = new long[cap];
        long[] down = new long[cap];
        int size = 0;
        int[] stack = new int[16]; // grown as needed: most subtrees on screen are small
        int top = 0;
        stack[top++] = root;
        while (top > 0) { // the tree is acyclic (TreeRows cut the loops): every process once
            int j = stack[--top];
            if (top + children[j].length > stack.length) {
                stack = Arrays.copyOf(stack, Math.max(2 * stack.length, top + children[j].length));
            }
            RateHistory h = all.get(j).history();
            int n = Math.min(cap, h.size());
            int from = h.size() - n;
            size = Math.max(size, n);
            for (int s = 0; s < n; s++) {
                up[cap - n + s] += h.up(from + s);
                down[cap - n + s] += h.down(from + s);
            }
            for (int c : children[j]) {
                stack[top++] = c;
            }
        }
        return size == cap ? RateHistory.of(up, down)
                : RateHistory.of(Arrays.copyOfRange(up, cap - size, cap), Arrays.copyOfRange(down, cap - size, cap));
    }
}
