package org.sstop.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.ContainerInfo;

/**
 * Rolls the snapshot's processes up by the container, service or session they run in. A group's
 * totals grow by what each of its processes moved since the previous sample (each process
 * remembers what it already gave its group), so they keep the bytes of processes that exited and
 * were dropped; a group is dropped when none of its processes is listed any more. Written by the
 * {@link SnapshotAssembler} once per sample.
 */
final class GroupTable {

    /** One group's running sums, rebuilt per sample but for the totals and the history. */
    private static final class Group {
        final HistoryLog history = new HistoryLog();
        ContainerInfo info;
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

    private static final Comparator<ContainerStats> BY_RATE = Comparator
            .comparingDouble((ContainerStats c) -> -c.traffic().totalRate())
            .thenComparing(c -> -c.traffic().totalBytes())
            .thenComparing(c -> c.container().name());

    private final Map<List<String>, Group> groups = new HashMap<>();

    /**
     * Adds one listed process to its group.
     *
     * @param e the process (its given-to-group counters are updated here)
     * @param stats what the snapshot says of it
     */
    void add(ProcessEntry e, ProcessStats stats) {
        ContainerInfo c = stats.container();
        if (c == null) {
            return;
        }
        Group g = groups.computeIfAbsent(c.groupKey(), k -> new Group());
        if (!g.listed) {
            g.listed = true;
            g.info = c;
            g.upDelta = 0;
            g.downDelta = 0;
            g.upRate = 0;
            g.downRate = 0;
            g.processes = 0;
            g.connections = 0;
        }
        Traffic t = stats.traffic();
        long up = Math.max(0, t.upBytes() - e.givenToGroupUp);
        long down = Math.max(0, t.downBytes() - e.givenToGroupDown);
        e.givenToGroupUp = Math.max(e.givenToGroupUp, t.upBytes());
        e.givenToGroupDown = Math.max(e.givenToGroupDown, t.downBytes());
        g.upBytes += up;
        g.downBytes += down;
        g.upDelta += up;
        g.downDelta += down;
        g.upRate += t.upRate();
        g.downRate += t.downRate();
        if (stats.state() == ProcessState.RUNNING) {
            g.processes++;
        }
        g.connections += stats.connections();
    }

    /** The groups listed in this sample, busiest first; forgets the others and readies the next sample. */
    List<ContainerStats> finish(SampleTime t) {
        List<ContainerStats> out = new ArrayList<>(groups.size());
        groups.values().removeIf(g -> !g.listed);
        for (Group g : groups.values()) {
            g.history.add(g.upDelta, g.downDelta, t.fromNanos(), t.toNanos());
            out.add(new ContainerStats(g.info,
                    new Traffic(g.upRate, g.downRate, g.upBytes, g.downBytes, g.upDelta, g.downDelta),
                    g.processes, g.connections, g.history.history(t.toNanos())));
            g.listed = false;
        }
        out.sort(BY_RATE);
        return out;
    }
}
