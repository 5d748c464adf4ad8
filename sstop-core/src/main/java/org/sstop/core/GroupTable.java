package org.sstop.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls the snapshot's processes up into groups: by the container, service or session they run
 * in, or by their user. A group's totals grow by what each of its processes moved since the
 * previous sample, so they keep the bytes of processes that exited and were dropped; a group is
 * dropped when none of its processes is listed any more. Written by the {@link SnapshotAssembler}
 * once per sample.
 *
 * @param <K> what a group is known by
 * @param <L> what describes a group in the snapshot (the latest process's)
 * @param <R> a group in the snapshot
 */
final class GroupTable<K, L, R> {

    /** Makes a group's snapshot record. */
    @FunctionalInterface
    interface Maker<K, L, R> {
        /**
         * @param key what the group is known by
         * @param label what describes the group (null when no process gave one)
         * @param traffic its rates, totals and this sample's bytes
         * @param processes its running processes
         * @param connections its processes' connections
         * @param history its per-second bytes
         * @return the record
         */
        R make(K key, L label, Traffic traffic, int processes, int connections, RateHistory history);
    }

    /** One group's running sums, rebuilt per sample but for the totals and the history. */
    private static final class Group<L> {
        final HistoryLog history = new HistoryLog();
        L label;
        long upBytes;
        long downBytes;
        long upDelta;
        long downDelta;
        double upRate;
        double downRate;
        int processes;
        int connections;
        boolean listed;
    }

    private final Map<K, Group<L>> groups = new HashMap<>();
    private final Maker<K, L, R> maker;
    private final Comparator<R> order;

    /**
     * @param maker makes the snapshot's records
     * @param order the order of the records in the snapshot
     */
    GroupTable(Maker<K, L, R> maker, Comparator<R> order) {
        this.maker = maker;
        this.order = order;
    }

    /**
     * Adds one listed process to its group.
     *
     * @param key its group, or null when it belongs to none
     * @param label what describes the group, or null to keep what an earlier process gave
     * @param upBytes bytes it sent since the previous sample
     * @param downBytes bytes it received since the previous sample
     * @param stats what the snapshot says of it
     */
    void add(K key, L label, long upBytes, long downBytes, ProcessStats stats) {
        if (key == null) {
            return;
        }
        Group<L> g = groups.computeIfAbsent(key, k -> new Group<>());
        if (!g.listed) {
            g.listed = true;
            g.upDelta = 0;
            g.downDelta = 0;
            g.upRate = 0;
            g.downRate = 0;
            g.processes = 0;
            g.connections = 0;
        }
        if (label != null) {
            g.label = label;
        }
        Traffic t = stats.traffic();
        g.upBytes += upBytes;
        g.downBytes += downBytes;
        g.upDelta += upBytes;
        g.downDelta += downBytes;
        g.upRate += t.upRate();
        g.downRate += t.downRate();
        if (stats.state() == ProcessState.RUNNING) {
            g.processes++;
        }
        g.connections += stats.connections();
    }

    /** The groups listed in this sample, in order; forgets the others and readies the next sample. */
    List<R> finish(SampleTime t) {
        List<R> out = new ArrayList<>(groups.size());
        groups.values().removeIf(g -> !g.listed);
        for (Map.Entry<K, Group<L>> e : groups.entrySet()) {
            Group<L> g = e.getValue();
            g.history.add(g.upDelta, g.downDelta, t.fromNanos(), t.toNanos());
            out.add(maker.make(e.getKey(), g.label, new Traffic(g.upRate, g.downRate, g.upBytes, g.downBytes, g.upDelta, g.downDelta),
                    g.processes, g.connections, g.history.history(t.toNanos())));
            g.listed = false;
        }
        out.sort(order);
        return out;
    }
}
