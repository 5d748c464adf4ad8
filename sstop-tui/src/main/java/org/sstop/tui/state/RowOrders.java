package org.sstop.tui.state;

import java.util.Comparator;
import org.sstop.api.IpAddress;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.SocketStats;

/** The orders of the list views' rows, for {@link Rows}. Stateless. */
final class RowOrders {

    /** Stable connection order (protocol, local port, remote), so the cursor does not jump between refreshes. */
    static final Comparator<SocketStats> CONNECTIONS = Comparator
            .comparing((SocketStats c) -> c.protocol())
            .thenComparingInt(c -> c.local().port())
            .thenComparingLong(c -> c.remote().address().high())
            .thenComparingLong(c -> c.remote().address().low())
            .thenComparingInt(c -> c.remote().port())
            .thenComparingLong(c -> c.local().address().high())
            .thenComparingLong(c -> c.local().address().low());

    /** The listen rows' full order, the tie-breaker of every listen key: port, protocol, address, pid. */
    private static final Comparator<ListenEntry> BY_PORT = Comparator
            .comparingInt((ListenEntry e) -> e.local().port())
            .thenComparing(ListenEntry::protocol)
            .thenComparing((ListenEntry e) -> e.local().address(), RowOrders::compareAddresses)
            .thenComparingInt(ListenEntry::pid);

    private RowOrders() {
    }

    static Comparator<ProcessStats> processes(SortKey key, boolean totals, boolean descending) {
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
        // Live processes first whatever the key: an exited one has nothing more to show but its totals.
        return Comparator.comparing((ProcessStats p) -> p.state() == ProcessState.EXITED).thenComparing(c)
                .thenComparingInt(ProcessStats::pid);
    }

    /** The hosts view's order: the key's, then by address. */
    static Comparator<HostStats> hosts(Order<HostSort> order) {
        Comparator<HostStats> c = switch (order.key()) {
            case RATE -> Comparator.comparingDouble((HostStats h) -> h.traffic().totalRate());
            case DOWNLOAD -> Comparator.comparingDouble((HostStats h) -> h.traffic().downRate());
            case UPLOAD -> Comparator.comparingDouble((HostStats h) -> h.traffic().upRate());
            case CONNECTIONS -> Comparator.comparingInt(HostStats::connections);
            case HOST -> (a, b) -> compareAddresses(a.address(), b.address());
        };
        return (order.descending() ? c.reversed() : c)
                .thenComparing((HostStats h) -> h.address(), RowOrders::compareAddresses);
    }

    /** The listen view's order: the key's, then port, protocol, address and pid. */
    static Comparator<ListenEntry> listen(Order<ListenSort> order) {
        Comparator<ListenEntry> c = switch (order.key()) {
            case PORT -> Comparator.comparingInt((ListenEntry e) -> e.local().port());
            case PROTOCOL -> Comparator.comparing(ListenEntry::protocol);
            case ADDRESS -> (a, b) -> compareAddresses(a.local().address(), b.local().address());
            case PID -> Comparator.comparingInt(ListenEntry::pid);
            case PROCESS -> Comparator.comparing((ListenEntry e) -> e.name() == null ? "" : e.name(),
                    String.CASE_INSENSITIVE_ORDER);
        };
        return (order.descending() ? c.reversed() : c).thenComparing(BY_PORT);
    }

    /** IPv4 addresses first, each family in numeric order. */
    static int compareAddresses(IpAddress a, IpAddress b) {
        int c = Boolean.compare(b.isV4(), a.isV4());
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.high(), b.high());
        return c != 0 ? c : Long.compareUnsigned(a.low(), b.low());
    }
}
