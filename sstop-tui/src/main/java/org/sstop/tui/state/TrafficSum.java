package org.sstop.tui.state;

import org.sstop.core.Traffic;

/**
 * Adds up the traffic of several sockets or processes into one row's (a local peer in the hosts
 * view, a process on chosen interfaces, a parent and its subtree in the tree): rates, totals and
 * last-sample bytes. Owned by the one loop that builds the row.
 */
final class TrafficSum {

    private double upRate;
    private double downRate;
    private long upBytes;
    private long downBytes;
    private long upDelta;
    private long downDelta;

    /** Adds one socket's or process's traffic. */
    void add(Traffic t) {
        upRate += t.upRate();
        downRate += t.downRate();
        upBytes += t.upBytes();
        downBytes += t.downBytes();
        upDelta += t.upDelta();
        downDelta += t.downDelta();
    }

    /** The sum so far. */
    Traffic traffic() {
        return new Traffic(upRate, downRate, upBytes, downBytes, upDelta, downDelta);
    }
}
