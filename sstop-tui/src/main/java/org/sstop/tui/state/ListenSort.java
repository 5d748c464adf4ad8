package org.sstop.tui.state;

/** The listen view's sort keys, in the order {@code s} cycles through them there. */
public enum ListenSort implements Order.Key {
    /** Port, then protocol and address. */
    PORT,
    /** Protocol, then port. */
    PROTOCOL,
    /** Local address, then port. */
    ADDRESS,
    /** Owner's pid, then port. */
    PID,
    /** Owner's name, then port. */
    PROCESS;

    @Override
    public boolean descendingByDefault() {
        return false;
    }
}
