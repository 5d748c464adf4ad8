package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;
import org.sstop.core.SocketStats;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;

/** The rows each list view shows, filtered and ordered: shared by the views and the update function. */
public final class Rows {

    /** Identity of a connection row. */
    public record ConnKey(Protocol protocol, Endpoint local, Endpoint remote) {
    }

    /** Identity of a listen row. */
    public record ListenKey(Protocol protocol, Endpoint local, int pid) {
    }

    /** Stable connection order (protocol, local port, remote), so the cursor does not jump between refreshes. */
    private static final Comparator<SocketStats> CONN_ORDER = Comparator
            .comparing((SocketStats c) -> c.protocol())
            .thenComparingInt(c -> c.local().port())
            .thenComparingLong(c -> c.remote().address().high())
            .thenComparingLong(c -> c.remote().address().low())
            .thenComparingInt(c -> c.remote().port())
            .thenComparingLong(c -> c.local().address().high())
            .thenComparingLong(c -> c.local().address().low());

    private Rows() {
    }

    /** The process table's rows: filtered by the search text, in the chosen order (ties by pid). */
    public static List<ProcessStats> processes(UiState s) {
        if (s.snapshot() == null) {
            return List.of();
        }
        List<ProcessStats> out = new ArrayList<>(s.snapshot().processes().size());
        String f = s.filter().toLowerCase(Locale.ROOT);
        for (ProcessStats p : s.snapshot().processes()) {
            if (f.isEmpty() || matches(f, p.pid(), p.name(), p.cmdline())) {
                out.add(p);
            }
        }
        out.sort(order(s.sort(), s.totals(), s.descending()));
        return out;
    }

    private static Comparator<ProcessStats> order(SortKey key, boolean totals, boolean descending) {
        Comparator<ProcessStats> c = switch (key) {
            case RATE -> totals ? Comparator.comparingLong((ProcessStats p) -> p.traffic().totalBytes())
                    : Comparator.comparingDouble((ProcessStats p) -> p.traffic().totalRate());
            case DOWNLOAD -> totals ? Comparator.comparingLong((ProcessStats p) -> p.traffic().downBytes())
                    : Comparator.comparingDouble((ProcessStats p) -> p.traffic().downRate());
            case UPLOAD -> totals ? Comparator.comparingLong((ProcessStats p) -> p.traffic().upBytes())
                    : Comparator.comparingDouble((ProcessStats p) -> p.traffic().upRate());
            case PID -> Comparator.comparingInt(ProcessStats::pid);
            case NAME -> Comparator.comparing((ProcessStats p) -> p.name() == null ? "" : p.name(),
                    String.CASE_INSENSITIVE_ORDER);
            case CONNECTIONS -> Comparator.comparingInt(ProcessStats::connections);
        };
        if (descending) {
            c = c.reversed();
        }
        return c.thenComparingInt(ProcessStats::pid);
    }

    private static boolean matches(String lowerFilter, int pid, String name, String cmdline) {
        return Integer.toString(pid).contains(lowerFilter)
                || (name != null && name.toLowerCase(Locale.ROOT).contains(lowerFilter))
                || (cmdline != null && cmdline.toLowerCase(Locale.ROOT).contains(lowerFilter));
    }

    /** A process of the snapshot by pid, or null. */
    public static ProcessStats process(Snapshot snapshot, int pid) {
        if (snapshot == null) {
            return null;
        }
        for (ProcessStats p : snapshot.processes()) {
            if (p.pid() == pid) {
                return p;
            }
        }
        return null;
    }

    /** The detail view's rows: the process's sockets in a stable order. */
    public static List<SocketStats> connections(UiState s) {
        ProcessStats p = process(s.snapshot(), s.detailPid());
        if (p == null) {
            return List.of();
        }
        List<SocketStats> out = new ArrayList<>(p.sockets());
        out.sort(CONN_ORDER);
        return out;
    }

    /** The hosts view's rows, filtered on address and name (engine order: busiest first). */
    public static List<HostStats> hosts(UiState s) {
        if (s.snapshot() == null) {
            return List.of();
        }
        String f = s.filter().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return s.snapshot().hosts();
        }
        List<HostStats> out = new ArrayList<>();
        for (HostStats h : s.snapshot().hosts()) {
            if (h.address().toString().contains(f) || (h.name() != null && h.name().toLowerCase(Locale.ROOT).contains(f))) {
                out.add(h);
            }
        }
        return out;
    }

    /** The listen view's rows, filtered on pid, name and command line (engine order). */
    public static List<ListenEntry> listen(UiState s) {
        if (s.snapshot() == null) {
            return List.of();
        }
        String f = s.filter().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return s.snapshot().listen();
        }
        List<ListenEntry> out = new ArrayList<>();
        for (ListenEntry e : s.snapshot().listen()) {
            if (matches(f, e.pid(), e.name(), e.cmdline()) || Integer.toString(e.local().port()).equals(f)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The rows' identities for a view, in order. */
    public static List<Object> keys(UiState s, View v) {
        List<Object> keys = new ArrayList<>();
        switch (v) {
            case PROCESSES -> processes(s).forEach(p -> keys.add(p.pid()));
            case DETAIL -> connections(s).forEach(c -> keys.add(new ConnKey(c.protocol(), c.local(), c.remote())));
            case HOSTS -> hosts(s).forEach(h -> keys.add(h.address()));
            case LISTEN -> listen(s).forEach(e -> keys.add(new ListenKey(e.protocol(), e.local(), e.pid())));
        }
        return keys;
    }
}
