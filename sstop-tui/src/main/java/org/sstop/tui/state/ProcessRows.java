package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.sstop.api.ContainerInfo;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.filter.Search;

/** The process table's rows for {@link Rows}: filtered and sorted, flat or as a tree ({@link TreeRows}). Stateless. */
final class ProcessRows {

    private ProcessRows() {
    }

    /**
     * The process table.
     *
     * @param snapshot the snapshot, or null
     * @param interfaces the interfaces the table is limited to ({@link InterfaceRows}), empty for all
     * @param search the compiled search
     * @param sort the order
     * @param descending largest first
     * @param totals sorted by totals rather than rates
     * @param tree as a tree
     * @param folded in a tree, the pids whose children are folded away
     * @return the rows (the nodes null when flat)
     */
    static TreeTable of(Snapshot snapshot, Set<String> interfaces, Search search, SortKey sort, boolean descending,
            boolean totals, boolean tree, Set<Integer> folded) {
        if (snapshot == null) {
            return tree ? new TreeTable(List.of(), new int[0], new int[0], new byte[0], List.of(), new int[0], new int[0][])
                    : TreeTable.flat(List.of());
        }
        Predicate<ProcessStats> keep = keep(search);
        List<ProcessStats> all = InterfaceRows.on(snapshot.processes(), interfaces);
        if (tree) {
            return TreeRows.of(all, keep, RowOrders.processes(sort, totals, descending), folded);
        }
        List<ProcessStats> out = keep == null ? new ArrayList<>(all) : matching(all, keep);
        out.sort(RowOrders.processes(sort, totals, descending));
        return TreeTable.flat(Collections.unmodifiableList(out));
    }

    /** The search as a test of a process, or null when it keeps every process. */
    private static Predicate<ProcessStats> keep(Search search) {
        String lowerFilter = search.lower();
        if (search.isExpression()) {
            return search.error() != null || lowerFilter.isEmpty() ? null : search::passes;
        }
        return lowerFilter.isEmpty() ? null
                : p -> matches(lowerFilter, p.pid(), p.name(), p.cmdline()) || inContainer(lowerFilter, p.container());
    }

    /** The items {@code keep} keeps, in their order, in a new list. */
    static <T> List<T> matching(List<T> all, Predicate<T> keep) {
        List<T> out = new ArrayList<>();
        for (T item : all) {
            if (keep.test(item)) {
                out.add(item);
            }
        }
        return out;
    }

    /** Whether the filter names a container: its name, id, pod or unit. */
    static boolean inContainer(String lowerFilter, ContainerInfo c) {
        if (c == null) {
            return false;
        }
        for (String s : new String[] {c.name(), c.id(), c.pod(), c.unit()}) {
            if (s != null && s.toLowerCase(Locale.ROOT).contains(lowerFilter)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the plain search is in the pid, name or command line. */
    static boolean matches(String lowerFilter, int pid, String name, String cmdline) {
        return Integer.toString(pid).contains(lowerFilter)
                || (name != null && name.toLowerCase(Locale.ROOT).contains(lowerFilter))
                || (cmdline != null && cmdline.toLowerCase(Locale.ROOT).contains(lowerFilter));
    }
}
