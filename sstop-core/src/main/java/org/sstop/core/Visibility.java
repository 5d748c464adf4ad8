package org.sstop.core;

import java.util.List;

/**
 * What limits the truth of a snapshot.
 *
 * @param limitations what the running backends cannot see and how to get full visibility
 *     (empty when nothing is limited)
 * @param captureDrops packets the flow counter's capture dropped since the monitor started
 * @param closedEventsLost socket close notifications lost since the monitor started
 */
public record Visibility(List<String> limitations, long captureDrops, long closedEventsLost) {

    /** Copies the list. */
    public Visibility {
        limitations = List.copyOf(limitations);
    }

    /** Whether anything limits what sstop sees. */
    public boolean limited() {
        return !limitations.isEmpty() || captureDrops > 0 || closedEventsLost > 0;
    }
}
