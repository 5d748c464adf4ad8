package org.sstop.tui.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.core.InterfaceStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;

/**
 * The interfaces the UI was limited to ({@code sstop eth0 eth1}) and the recent rates of each
 * interface, for the header's figures and sparkline when one interface (or a limit) is chosen:
 * the snapshot's own history is system-wide. One point per snapshot (bytes per second, headers
 * included, as the kernel counts them), the last {@link RateHistory#CAPACITY}. Immutable.
 *
 * @param scope the interfaces named on the command line, empty for all
 * @param history each interface's rates, by name (at most {@link #MAX_INTERFACES})
 * @param sum the rates of the scope's interfaces together (empty without a scope)
 */
public record InterfaceTrack(List<String> scope, Map<String, RateHistory> history, RateHistory sum) {

    /** Most interfaces followed: a host with thousands of veths must not cost thousands of arrays a sample. */
    public static final int MAX_INTERFACES = 256;

    /** No limit, no history yet. */
    public static final InterfaceTrack NONE = new InterfaceTrack(List.of(), Map.of(), RateHistory.EMPTY);

    /** Copies the collections. */
    public InterfaceTrack {
        scope = List.copyOf(scope);
        history = Map.copyOf(history);
    }

    /** A track limited to these interfaces. */
    public static InterfaceTrack of(List<String> scope) {
        return new InterfaceTrack(scope, Map.of(), RateHistory.EMPTY);
    }

    /** Whether the UI is limited to some interfaces. */
    public boolean scoped() {
        return !scope.isEmpty();
    }

    /**
     * The snapshot with only the interfaces the header shows: those of sstop's own network
     * namespace (a container's {@code eth0} is another interface of the same name, and its traffic
     * also crosses the host's veth), and of those only the scope's; itself when nothing is left out.
     */
    public Snapshot limit(Snapshot s) {
        if (!scoped() && s.interfaces().stream().noneMatch(i -> i.netns() != 0)) {
            return s;
        }
        List<InterfaceStats> kept = s.interfaces().stream()
                .filter(i -> i.netns() == 0 && (!scoped() || scope.contains(i.name()))).toList();
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), s.processes(), s.hosts(), s.listen(), kept, s.history(), s.trend(), s.visibility(),
                s.containers(), s.users());
    }

    /** The track with one more point per interface of the (limited) snapshot. */
    public InterfaceTrack after(Snapshot s) {
        Map<String, RateHistory> next = new HashMap<>();
        long up = 0;
        long down = 0;
        for (InterfaceStats i : s.interfaces()) {
            long u = Math.round(i.traffic().upRate());
            long d = Math.round(i.traffic().downRate());
            up += u;
            down += d;
            if (next.size() < MAX_INTERFACES) {
                next.put(i.name(), append(history.getOrDefault(i.name(), RateHistory.EMPTY), u, d));
            }
        }
        return new InterfaceTrack(scope, next, scoped() ? append(sum, up, down) : RateHistory.EMPTY);
    }

    /** An interface's history, empty if not followed. */
    public RateHistory of(String name) {
        return history.getOrDefault(name, RateHistory.EMPTY);
    }

    private static RateHistory append(RateHistory h, long up, long down) {
        int keep = Math.min(h.size(), RateHistory.CAPACITY - 1);
        long[] u = new long[keep + 1];
        long[] d = new long[keep + 1];
        for (int i = 0; i < keep; i++) {
            u[i] = h.up(h.size() - keep + i);
            d[i] = h.down(h.size() - keep + i);
        }
        u[keep] = up;
        d[keep] = down;
        return RateHistory.of(u, d);
    }
}
