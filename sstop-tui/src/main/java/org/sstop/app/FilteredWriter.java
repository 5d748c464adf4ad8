package org.sstop.app;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sstop.core.ContainerStats;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.filter.Filter;
import org.sstop.tui.filter.FilterParser;
import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.text.Sanitizer;

/**
 * {@code --filter EXPR}: hands on each snapshot with only the processes the expression keeps, and
 * the hosts, listening sockets and groups of those processes (as the terminal UI's search shows
 * them). System totals, interfaces, coverage and visibility stay whole: they describe the host,
 * not the selection. Used on the headless loop's thread only.
 */
final class FilteredWriter implements SnapshotWriter {

    private final Filter filter;
    private final SnapshotWriter next;

    /**
     * @param filter the parsed expression
     * @param next where the filtered snapshots go
     */
    FilteredWriter(Filter filter, SnapshotWriter next) {
        this.filter = filter;
        this.next = next;
    }

    /**
     * Parses {@code --filter}'s text: every text is an expression here (a plain word matches as
     * the search does; words side by side must all match).
     *
     * @param text the option's value
     * @return the filter
     * @throws IllegalArgumentException with a message that shows the expression and marks where it is wrong
     */
    static Filter parse(String text) {
        try {
            return FilterParser.parse(text);
        } catch (FilterSyntaxException e) {
            throw new IllegalArgumentException(explain(text, e));
        }
    }

    /**
     * The error as the command line shows it: the reason with its position, then the expression
     * (sanitized, so a control character cannot reach the terminal) and a caret under the spot.
     */
    static String explain(String text, FilterSyntaxException e) {
        return explain("--filter", text, e);
    }

    /** As {@link #explain(String, FilterSyntaxException)} for another option's expression. */
    static String explain(String option, String text, FilterSyntaxException e) {
        String shown = Sanitizer.clean(text.length() > 120 ? text.substring(0, 120) + "…" : text);
        // The caret's column: the sanitized width of what comes before the error (escapes widen it).
        int at = Math.min(e.position(), Math.min(text.length(), 120));
        int column = Sanitizer.clean(text.substring(0, at)).length();
        return option + ": " + e.getMessage() + System.lineSeparator() + "  " + shown + System.lineSeparator()
                + "  " + " ".repeat(column) + "^";
    }

    /**
     * What is wrong with {@code --filter}'s text, as {@link #parse} would say it, or null when it parses.
     *
     * @param text the option's value
     * @return the message, or null
     */
    static String error(String text) {
        try {
            parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The snapshot with only what the filter keeps. */
    static Snapshot apply(Filter filter, Snapshot s) {
        List<ProcessStats> kept = new ArrayList<>();
        Set<Integer> pids = new HashSet<>();
        Set<Object> groups = new HashSet<>();
        for (ProcessStats p : s.processes()) {
            if (filter.test(p)) {
                kept.add(p);
                pids.add(p.pid());
                if (p.container() != null) {
                    groups.add(p.container().groupKey());
                }
            }
        }
        List<HostStats> hosts = new ArrayList<>();
        for (HostStats h : s.hosts()) {
            for (int pid : h.pids()) {
                if (pids.contains(pid)) {
                    hosts.add(h);
                    break;
                }
            }
        }
        List<ListenEntry> listen = new ArrayList<>();
        for (ListenEntry l : s.listen()) {
            if (pids.contains(l.pid())) {
                listen.add(l);
            }
        }
        List<ContainerStats> containers = new ArrayList<>();
        for (ContainerStats c : s.containers()) {
            if (groups.contains(c.container().groupKey())) {
                containers.add(c);
            }
        }
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), kept, hosts, listen, s.interfaces(), s.history(), s.trend(), s.visibility(), containers);
    }

    @Override
    public void write(Snapshot snapshot) throws IOException {
        next.write(apply(filter, snapshot));
    }

    @Override
    public void write(Snapshot snapshot, Duration sampleTook) throws IOException {
        next.write(apply(filter, snapshot), sampleTook);
    }

    @Override
    public void close() throws IOException {
        next.close();
    }
}
