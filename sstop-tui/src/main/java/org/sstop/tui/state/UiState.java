package org.sstop.tui.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertBook;

/**
 * Everything the screen shows besides the terminal itself, with the rows its lists show.
 * Immutable; change it with {@link #with}.
 *
 * @param snapshot the snapshot on display (frozen while paused), null before the first
 * @param view the main view
 * @param back the view Esc returns to from the detail view
 * @param overlay the open overlay, null for none
 * @param paused display frozen (collection goes on)
 * @param sort process table order
 * @param reversed order flipped from its natural direction
 * @param hostOrder the hosts view's own order
 * @param listenOrder the listen view's own order
 * @param filter search text ("" for none)
 * @param dns show host names (lookups allowed and switched on)
 * @param dnsAllowed whether DNS may be switched on at all ({@code -n} forbids it)
 * @param iface selected interface index in the snapshot's list, -1 for all
 * @param refresh sampling interval
 * @param totals show total bytes instead of rates
 * @param display how amounts and ports are written (bits, the totals' unit, service names)
 * @param interfaces the interfaces the UI is limited to, and each one's recent rates
 * @param width terminal columns
 * @param height terminal rows
 * @param now wall-clock time for the header clock
 * @param procs process table cursor (key: pid)
 * @param conns detail view cursor (key: connection identity)
 * @param hosts hosts view cursor (key: address)
 * @param listen listen view cursor (key: protocol and endpoint)
 * @param groups groups view cursor (key: the group's runtime, id and unit)
 * @param detailPid the process shown in the detail view
 * @param lastClickNanos time of the last click (double click)
 * @param lastClickRow screen row of the last click
 * @param tree the process table as a tree ({@code t}): children under their parents, a parent's row its subtree's sum
 * @param folded in the tree, the pids whose children are folded away ({@code x})
 * @param groupsByUser the groups view rolls up by user ({@code u}) rather than by container, service or session
 * @param replay where a replay stands, null when the UI shows the live monitor
 * @param alerts the alert rules and the breaches going on
 * @param rows the rows of the list views; the constructor derives them from the fields above,
 *     reusing whatever of the given rows (those of the state before, or null) still fits them
 */
public record UiState(
        Snapshot snapshot,
        View view,
        View back,
        Overlay overlay,
        boolean paused,
        SortKey sort,
        boolean reversed,
        Order<HostSort> hostOrder,
        Order<ListenSort> listenOrder,
        String filter,
        boolean dns,
        boolean dnsAllowed,
        int iface,
        Duration refresh,
        boolean totals,
        Display display,
        InterfaceTrack interfaces,
        int width,
        int height,
        Instant now,
        Cursor procs,
        Cursor conns,
        Cursor hosts,
        Cursor listen,
        Cursor groups,
        int detailPid,
        long lastClickNanos,
        int lastClickRow,
        boolean tree,
        Set<Integer> folded,
        boolean groupsByUser,
        Replay replay,
        AlertBook alerts,
        Rows rows) {

    /** Derives the rows from this state's own fields, so they can never disagree with them. */
    public UiState {
        folded = Set.copyOf(folded);
        rows = Rows.of(rows, snapshot, filter, sort, sort.descendingByDefault() != reversed, totals, detailPid, hostOrder,
                listenOrder, tree, folded, groupsByUser, chosenInterfaces(snapshot, iface, interfaces));
    }

    /**
     * The interfaces the process table is limited to: the one selected with {@code i}/Tab, else
     * those named on the command line, else none (every interface).
     */
    private static Set<String> chosenInterfaces(Snapshot snapshot, int iface, InterfaceTrack interfaces) {
        if (snapshot != null && iface >= 0 && iface < snapshot.interfaces().size()) {
            return Set.of(snapshot.interfaces().get(iface).name());
        }
        return interfaces == null ? Set.of() : Set.copyOf(interfaces.scope());
    }

    /** The interfaces the process table is limited to, empty for all (see {@link Rows#interfaces()}). */
    public Set<String> chosenInterfaces() {
        return rows.interfaces();
    }

    /**
     * The state at launch.
     *
     * @param refresh the initial interval
     * @param dnsAllowed whether DNS lookups are allowed (then they start switched on)
     * @param width columns
     * @param height rows
     * @param now the clock
     */
    public static UiState initial(Duration refresh, boolean dnsAllowed, int width, int height, Instant now) {
        return new UiState(null, View.PROCESSES, View.PROCESSES, null, false, SortKey.RATE, false,
                Order.of(HostSort.RATE), Order.of(ListenSort.PORT), "",
                dnsAllowed, dnsAllowed, -1, refresh, false, Display.DEFAULT, InterfaceTrack.NONE, width, height, now,
                Cursor.TOP, Cursor.TOP, Cursor.TOP, Cursor.TOP, Cursor.TOP, -1, Long.MIN_VALUE / 2, -1, false, Set.of(), false, null, AlertBook.NONE, null);
    }

    /** Whether the sort runs largest first. */
    public boolean descending() {
        return sort.descendingByDefault() != reversed;
    }

    /** The cursor of a list view. */
    public Cursor cursor(View v) {
        return switch (v) {
            case PROCESSES -> procs;
            case DETAIL -> conns;
            case HOSTS -> hosts;
            case LISTEN -> listen;
            case GROUPS -> groups;
        };
    }

    /** A copy with changes made to a builder. */
    public UiState with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** A copy with one view's cursor replaced. */
    public UiState withCursor(View v, Cursor c) {
        return with(b -> {
            switch (v) {
                case PROCESSES -> b.procs = c;
                case DETAIL -> b.conns = c;
                case HOSTS -> b.hosts = c;
                case LISTEN -> b.listen = c;
                case GROUPS -> b.groups = c;
            }
        });
    }

    /** Mutable copy of the fields, used only inside {@link #with}. */
    public static final class Builder {
        // Public fields on purpose: this is a short-lived scratch copy, not an API type.
        /** See {@link UiState#snapshot()}. */ public Snapshot snapshot;
        /** See {@link UiState#view()}. */ public View view;
        /** See {@link UiState#back()}. */ public View back;
        /** See {@link UiState#overlay()}. */ public Overlay overlay;
        /** See {@link UiState#paused()}. */ public boolean paused;
        /** See {@link UiState#sort()}. */ public SortKey sort;
        /** See {@link UiState#reversed()}. */ public boolean reversed;
        /** See {@link UiState#hostOrder()}. */ public Order<HostSort> hostOrder;
        /** See {@link UiState#listenOrder()}. */ public Order<ListenSort> listenOrder;
        /** See {@link UiState#filter()}. */ public String filter;
        /** See {@link UiState#dns()}. */ public boolean dns;
        /** See {@link UiState#dnsAllowed()}. */ public boolean dnsAllowed;
        /** See {@link UiState#iface()}. */ public int iface;
        /** See {@link UiState#refresh()}. */ public Duration refresh;
        /** See {@link UiState#totals()}. */ public boolean totals;
        /** See {@link UiState#display()}. */ public Display display;
        /** See {@link UiState#interfaces()}. */ public InterfaceTrack interfaces;
        /** See {@link UiState#width()}. */ public int width;
        /** See {@link UiState#height()}. */ public int height;
        /** See {@link UiState#now()}. */ public Instant now;
        /** See {@link UiState#procs()}. */ public Cursor procs;
        /** See {@link UiState#conns()}. */ public Cursor conns;
        /** See {@link UiState#hosts()}. */ public Cursor hosts;
        /** See {@link UiState#listen()}. */ public Cursor listen;
        /** See {@link UiState#groups()}. */ public Cursor groups;
        /** See {@link UiState#detailPid()}. */ public int detailPid;
        /** See {@link UiState#lastClickNanos()}. */ public long lastClickNanos;
        /** See {@link UiState#lastClickRow()}. */ public int lastClickRow;
        /** See {@link UiState#tree()}. */ public boolean tree;
        /** See {@link UiState#folded()}. */ public Set<Integer> folded;
        /** See {@link UiState#groupsByUser()}. */ public boolean groupsByUser;
        /** See {@link UiState#replay()}. */ public Replay replay;
        /** See {@link UiState#alerts()}. */ public AlertBook alerts;
        private final Rows rows;

        private Builder(UiState s) {
            snapshot = s.snapshot;
            view = s.view;
            back = s.back;
            overlay = s.overlay;
            paused = s.paused;
            sort = s.sort;
            reversed = s.reversed;
            hostOrder = s.hostOrder;
            listenOrder = s.listenOrder;
            filter = s.filter;
            dns = s.dns;
            dnsAllowed = s.dnsAllowed;
            iface = s.iface;
            refresh = s.refresh;
            totals = s.totals;
            display = s.display;
            interfaces = s.interfaces;
            width = s.width;
            height = s.height;
            now = s.now;
            procs = s.procs;
            conns = s.conns;
            hosts = s.hosts;
            listen = s.listen;
            groups = s.groups;
            detailPid = s.detailPid;
            lastClickNanos = s.lastClickNanos;
            lastClickRow = s.lastClickRow;
            tree = s.tree;
            folded = s.folded;
            groupsByUser = s.groupsByUser;
            replay = s.replay;
            alerts = s.alerts;
            rows = s.rows;
        }

        private UiState build() {
            return new UiState(snapshot, view, back, overlay, paused, sort, reversed, hostOrder, listenOrder, filter, dns, dnsAllowed, iface,
                    refresh, totals, display, interfaces, width, height, now, procs, conns, hosts, listen, groups, detailPid, lastClickNanos,
                    lastClickRow, tree, folded, groupsByUser, replay, alerts, rows);
        }
    }
}
