package org.sstop.core;

import java.util.ArrayList;
import java.util.List;
import org.sstop.api.Backend;
import org.sstop.api.FlowSample;
import org.sstop.api.SocketSample;

/**
 * Collects what limits a monitor's view: the running backends' own limitations, missing services,
 * and the counts of what was lost (capture drops, lost close notifications, sockets nothing counts),
 * put in words for people. Written by the {@link Engine} once per sample.
 */
final class VisibilityNotes {

    private long captureDrops;
    private long closedEventsLost;
    private long otherPackets;
    private long malformedPackets;

    void socketSample(SocketSample s) {
        closedEventsLost += Math.max(0, s.closedEventsLost());
    }

    void flowSample(FlowSample s) {
        captureDrops += Math.max(0, s.packetsDropped());
        otherPackets += Math.max(0, s.otherPackets());
        malformedPackets += Math.max(0, s.malformedPackets());
    }

    Visibility visibility(Backends backends, int uncountedSockets, int uncountedElsewhere) {
        List<String> notes = new ArrayList<>();
        addLimitations(notes, backends.sockets.current());
        addLimitations(notes, backends.processes.current());
        addLimitations(notes, backends.interfaces.current());
        addLimitations(notes, backends.flows.current());
        addLimitations(notes, backends.counters.current());
        if (backends.processes.current() == null) {
            notes.add("no process mapper is running: sockets whose source does not name their process are unattributed");
        }
        if (backends.interfaces.current() == null) {
            notes.add("no interface statistics are available");
        }
        if (uncountedSockets > 0) {
            String why = backends.flows.report().candidates().stream().filter(c -> !c.reason().isEmpty()).findFirst()
                    .map(c -> " (" + c.name() + ": " + c.reason() + ")").orElse("");
            notes.add(uncountedSockets + " sockets have no byte counters and no flow counter is running" + why
                    + ": their traffic is not counted (typically UDP; grant CAP_NET_RAW for the packet counter)");
        }
        if (uncountedElsewhere > 0) {
            notes.add(uncountedElsewhere + " sockets in other network namespaces have no byte counters: their traffic is "
                    + "not counted (typically UDP; the packet counter sees only sstop's own namespace; the eBPF tier counts them)");
        }
        if (captureDrops > 0) {
            notes.add("the packet capture dropped " + captureDrops + " packets: flow-counted traffic is short by at least that many packets");
        }
        if (closedEventsLost > 0) {
            notes.add(closedEventsLost + " socket close notifications were lost: the last bytes of those sockets are missing");
        }
        return new Visibility(notes, captureDrops, closedEventsLost, uncountedSockets + uncountedElsewhere, otherPackets,
                malformedPackets);
    }

    private static void addLimitations(List<String> notes, Backend b) {
        if (b == null) {
            return;
        }
        try {
            for (String s : b.limitations()) {
                if (s != null && !s.isBlank() && !notes.contains(s)) {
                    notes.add(s);
                }
            }
        } catch (RuntimeException e) {
            // a backend's self-description must not break a sample
        }
    }
}
