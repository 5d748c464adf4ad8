package org.sstop.linux.ebpf;

import org.sstop.api.CounterSample;
import org.sstop.api.CounterSample.ProcessCount;
import org.sstop.api.CounterSample.SocketCount;

/**
 * What a drain reported for one process or one socket, summed (zero when it reported nothing).
 *
 * @param up bytes sent to other hosts
 * @param down bytes received from them
 * @param loopUp bytes sent over loopback
 * @param loopDown bytes received over loopback
 */
record Totals(long up, long down, long loopUp, long loopDown) {

    /** This JVM's pid. */
    static final int SELF = (int) ProcessHandle.current().pid();

    /** A process's counts in a sample. */
    static Totals process(CounterSample s, long pid) {
        long up = 0;
        long down = 0;
        long loopUp = 0;
        long loopDown = 0;
        for (ProcessCount p : s.processes()) {
            if (p.pid() == pid) {
                up += p.upBytes();
                down += p.downBytes();
                loopUp += p.loopbackUpBytes();
                loopDown += p.loopbackDownBytes();
            }
        }
        return new Totals(up, down, loopUp, loopDown);
    }

    /** This JVM's counts in a sample. */
    static Totals self(CounterSample s) {
        return process(s, SELF);
    }

    /** A socket's counts in a sample, as {@code up} and {@code down}. */
    static Totals socket(CounterSample s, long cookie) {
        long up = 0;
        long down = 0;
        for (SocketCount c : s.sockets()) {
            if (c.cookie() == cookie) {
                up += c.upBytes();
                down += c.downBytes();
            }
        }
        return new Totals(up, down, 0, 0);
    }

    /** Counts that went to other hosts only. */
    static Totals network(long up, long down) {
        return new Totals(up, down, 0, 0);
    }

    /** Counts that went over loopback only. */
    static Totals loopback(long up, long down) {
        return new Totals(0, 0, up, down);
    }
}
