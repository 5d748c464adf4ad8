package org.sstop.tui.state;

import java.util.Arrays;
import java.util.List;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;

/**
 * The columns of the sortable list views and the sort key each stands for: the views draw them,
 * and a click on a column header sorts by that column's key ({@link Update}), so the two cannot
 * disagree. Immutable constants.
 */
public final class Columns {

    /** The process table's columns with rates. */
    public static final List<Column> PROCESS_RATES = processes(false);
    /** The process table's columns with totals. */
    public static final List<Column> PROCESS_TOTALS = processes(true);
    /** The process tree's columns with rates: Σ says a parent's figures are its subtree's. */
    private static final List<Column> TREE_RATES = tree(PROCESS_RATES);
    /** The process tree's columns with totals. */
    private static final List<Column> TREE_TOTALS = tree(PROCESS_TOTALS);
    /** The sort key of each process column (null: not sortable). */
    private static final List<SortKey> PROCESS_KEYS = Arrays.asList(SortKey.PID, SortKey.NAME, null, SortKey.UPLOAD,
            SortKey.UPLOAD, SortKey.DOWNLOAD, SortKey.DOWNLOAD, SortKey.CONNECTIONS, null);

    /** The hosts view's columns. */
    public static final List<Column> HOSTS = List.of(
            new Column("HOST", 22, 2, 0, false),
            new Column("UP/s", 10, 0, 1, true),
            new Column("DOWN/s", 10, 0, 2, true),
            new Column("TOTAL UP", 10, 0, 5, true),
            new Column("TOTAL DOWN", 10, 0, 6, true),
            new Column("CONNS", 6, 0, 3, true),
            new Column("PROCESSES", 12, 1, 4, false));
    private static final List<HostSort> HOST_KEYS = Arrays.asList(HostSort.HOST, HostSort.UPLOAD, HostSort.DOWNLOAD, null,
            null, HostSort.CONNECTIONS, null);

    /** The listen view's columns. */
    public static final List<Column> LISTEN = List.of(
            new Column("PROTO", 5, 0, 0, false),
            new Column("ADDRESS", 15, 1, 2, false),
            new Column("PORT", 5, 0, 1, true),
            new Column("SERVICE", 12, 0, 5, false),
            new Column("PID", 7, 0, 3, true),
            new Column("PROCESS", 16, 0, 4, false),
            new Column("COMMAND", 10, 3, 6, false));
    private static final List<ListenSort> LISTEN_KEYS = Arrays.asList(ListenSort.PROTOCOL, ListenSort.ADDRESS,
            ListenSort.PORT, null, ListenSort.PID, ListenSort.PROCESS, null);

    private Columns() {
    }

    /** The process table's columns: with rates or totals, flat or as a tree (the same widths). */
    public static List<Column> processes(boolean totals, boolean tree) {
        return tree ? (totals ? TREE_TOTALS : TREE_RATES) : totals ? PROCESS_TOTALS : PROCESS_RATES;
    }

    private static List<Column> tree(List<Column> flat) {
        return flat.stream().map(c -> c.title().startsWith("UP") || c.title().startsWith("DOWN")
                ? new Column("Σ" + c.title(), c.width(), c.flex(), c.priority(), c.right()) : c).toList();
    }

    private static List<Column> processes(boolean totals) {
        return List.of(
                new Column("PID", 7, 0, 0, true),
                new Column("PROCESS", 14, 1, 1, false),
                new Column("GRAPH", 16, 0, 6, false),
                new Column(totals ? "UPLOAD" : "UPLOAD/s", 11, 0, 2, true),
                new Column("", 10, 0, 7, false),
                new Column(totals ? "DOWNLOAD" : "DOWNLOAD/s", 11, 0, 3, true),
                new Column("", 10, 0, 8, false),
                new Column("CONNS", 6, 0, 4, true),
                new Column("LISTEN", 6, 0, 5, true));
    }

    /**
     * The state after a click on the column header of a list view at column {@code x}: sorted by
     * that column's key, or the other way round when it already is; unchanged for a column that
     * does not sort (or a view without sorting).
     */
    static UiState clickHeader(UiState s, int x) {
        return switch (s.view()) {
            case PROCESSES -> {
                SortKey k = keyAt(processes(s.totals(), s.tree()), PROCESS_KEYS, s.width(), x);
                yield k == null ? s : s.with(b -> {
                    b.reversed = k == b.sort && !b.reversed;
                    b.sort = k;
                });
            }
            case HOSTS -> {
                HostSort k = keyAt(HOSTS, HOST_KEYS, s.width(), x);
                yield k == null ? s : s.with(b -> b.hostOrder = k == b.hostOrder.key() ? b.hostOrder.reverse() : Order.of(k));
            }
            case LISTEN -> {
                ListenSort k = keyAt(LISTEN, LISTEN_KEYS, s.width(), x);
                yield k == null ? s
                        : s.with(b -> b.listenOrder = k == b.listenOrder.key() ? b.listenOrder.reverse() : Order.of(k));
            }
            default -> s;
        };
    }

    /** The key of the column drawn at {@code x} (as {@link Table#widths} lays them out), or null. */
    private static <K> K keyAt(List<Column> columns, List<K> keys, int width, int x) {
        int[] widths = Table.widths(width, columns);
        int[] starts = Table.starts(0, widths);
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] > 0 && x >= starts[i] && x < starts[i] + widths[i]) {
                return keys.get(i);
            }
        }
        return null;
    }
}
