package org.sstop.app.serve;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Traffic;

/**
 * Sums the processes that carry the same chosen labels ({@link ProcessLabel}) into one group per
 * label set, the things the process series are made of. Each process's growth since the previous
 * sample is added to its group's own running total, so a group's total only grows while processes
 * join and leave it: a worker that exits keeps its bytes in the group. With {@code pid} among the
 * labels a group is one process (or, after pid reuse, the processes of one pid with one name and
 * user, whose series simply continues).
 *
 * <p>Confined to the sampling thread. Bounded: a process is remembered while the snapshot lists
 * it, a group's total for {@code retention} after its last process left (so that a group that
 * comes back within it continues its series instead of resetting it).
 */
final class ProcessRollup {

    /**
     * The processes of one label set in one sample.
     *
     * @param labels the label name/value pairs
     * @param traffic summed rates and last-sample bytes; cumulative bytes as the group's running total
     * @param connections summed open connections
     * @param listening summed listening sockets
     * @param running whether one of them still runs (only then may the group enter the top N)
     */
    record Group(List<String> labels, Traffic traffic, int connections, int listening, boolean running) {
    }

    private record ProcessKey(int pid, long startTime) {
    }

    /** What a process had moved when last seen, and its labels, taken when it was first seen. */
    private record Seen(long up, long down, List<String> labels) {
    }

    private static final class Total {
        long up;
        long down;
        long lastSeenNanos;
    }

    private static final class Sum {
        double upRate;
        double downRate;
        long upDelta;
        long downDelta;
        int connections;
        int listening;
        boolean running;
    }

    private final Set<ProcessLabel> chosen;
    private final long retentionNanos;
    private Map<ProcessKey, Seen> seen = new HashMap<>();
    private final Map<List<String>, Total> totals = new HashMap<>();

    /**
     * A rollup.
     *
     * @param chosen the labels that make a group
     * @param retentionNanos how long a group's total is kept after its last process left
     */
    ProcessRollup(Set<ProcessLabel> chosen, long retentionNanos) {
        this.chosen = EnumSet.copyOf(chosen); // the enum's order is the labels' order
        this.retentionNanos = retentionNanos;
    }

    /**
     * Folds one sample in.
     *
     * @param processes the snapshot's processes
     * @param nowNanos the monotonic time of the sample
     * @return one group per label set of this sample's processes, in the order first met
     */
    List<Group> update(List<ProcessStats> processes, long nowNanos) {
        Map<ProcessKey, Seen> next = new HashMap<>(2 * processes.size());
        Map<List<String>, Sum> sums = new LinkedHashMap<>();
        for (ProcessStats p : processes) {
            ProcessKey key = new ProcessKey(p.pid(), p.startTime());
            Seen before = seen.get(key);
            List<String> labels = before != null ? before.labels() : List.copyOf(ProcessLabel.of(chosen, p));
            Traffic t = p.traffic();
            Total total = totals.computeIfAbsent(labels, l -> new Total());
            // The engine's totals never go down for one process; if one did, nothing is invented.
            total.up += Math.max(0, t.upBytes() - (before == null ? 0 : before.up()));
            total.down += Math.max(0, t.downBytes() - (before == null ? 0 : before.down()));
            total.lastSeenNanos = nowNanos;
            next.put(key, new Seen(t.upBytes(), t.downBytes(), labels));
            Sum sum = sums.computeIfAbsent(labels, l -> new Sum());
            sum.upRate += t.upRate();
            sum.downRate += t.downRate();
            sum.upDelta += t.upDelta();
            sum.downDelta += t.downDelta();
            sum.connections += p.connections();
            sum.listening += p.listening();
            sum.running |= p.state() != ProcessState.EXITED;
        }
        seen = next;
        totals.values().removeIf(total -> nowNanos - total.lastSeenNanos > retentionNanos);
        List<Group> groups = new ArrayList<>(sums.size());
        sums.forEach((labels, sum) -> {
            Total total = totals.get(labels);
            groups.add(new Group(labels, new Traffic(sum.upRate, sum.downRate, total.up, total.down, sum.upDelta,
                    sum.downDelta), sum.connections, sum.listening, sum.running));
        });
        return groups;
    }

    /** How many groups' totals are kept (for tests of the bound). */
    int groupsKept() {
        return totals.size();
    }
}
