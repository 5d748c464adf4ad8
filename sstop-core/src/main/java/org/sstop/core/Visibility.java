package org.sstop.core;

import java.util.List;

/**
 * What limits the truth of a snapshot.
 *
 * @param limitations what the running backends cannot see and how to get full visibility, in
 *     words (empty when nothing is limited)
 * @param captureDrops packets the flow counter's capture dropped since the monitor started: the
 *     traffic counted from packets is short by at least these packets' payload, which no one knows
 * @param closedEventsLost socket close notifications lost since the monitor started: the last
 *     bytes of those sockets are missing from every count
 * @param uncountedSockets open sockets whose bytes nothing counts now (no counters of their own and
 *     no flow counter that sees them: typically UDP without the packet counter's privileges, or
 *     UDP in another network namespace than the monitor's, where the packet counter does not look)
 * @param otherPackets packets the flow counter saw that carry no TCP or UDP payload (ARP, ICMP,
 *     ...), since the monitor started; not counted anywhere
 * @param malformedPackets packets the flow counter could not parse, since the monitor started
 */
public record Visibility(List<String> limitations, long captureDrops, long closedEventsLost, int uncountedSockets,
        long otherPackets, long malformedPackets) {

    /** Nothing limits. */
    public static final Visibility FULL = new Visibility(List.of(), 0, 0, 0, 0, 0);

    /** Copies the list. */
    public Visibility {
        limitations = List.copyOf(limitations);
    }

    /** Whether anything limits what sstop sees. */
    public boolean limited() {
        return !limitations.isEmpty() || captureDrops > 0 || closedEventsLost > 0 || uncountedSockets > 0;
    }
}
