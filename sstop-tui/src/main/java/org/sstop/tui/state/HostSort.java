package org.sstop.tui.state;

/** The hosts view's sort keys, in the order {@code s} cycles through them there. */
public enum HostSort implements Order.Key {
    /** Total rate, up and down. */
    RATE,
    /** Download rate. */
    DOWNLOAD,
    /** Upload rate. */
    UPLOAD,
    /** Open connections. */
    CONNECTIONS,
    /** Address: IPv4 first, each family in numeric order. */
    HOST;

    @Override
    public boolean descendingByDefault() {
        return this != HOST;
    }
}
