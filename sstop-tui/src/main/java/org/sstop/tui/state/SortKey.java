package org.sstop.tui.state;

/** Process table sort orders, in the order {@code s} cycles through them. */
public enum SortKey {
    /** Total rate (or total bytes in totals mode). */
    RATE,
    /** Download. */
    DOWNLOAD,
    /** Upload. */
    UPLOAD,
    /** Process id. */
    PID,
    /** Process name. */
    NAME,
    /** Open connections. */
    CONNECTIONS;

    /** The next order in the cycle. */
    public SortKey next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** Whether this order naturally runs largest first. */
    public boolean descendingByDefault() {
        return this != PID && this != NAME;
    }
}
