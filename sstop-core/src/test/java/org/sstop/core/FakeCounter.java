package org.sstop.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.CounterSample;
import org.sstop.api.CounterSample.ProcessCount;
import org.sstop.api.CounterSample.SocketCount;
import org.sstop.api.TrafficCounter;

/** A traffic counter that returns what a test put in it, once, and can fail a drain. */
class FakeCounter implements TrafficCounter {
    final List<ProcessCount> processes = new ArrayList<>();
    final List<SocketCount> sockets = new ArrayList<>();
    long unplacedUp;
    long unplacedLoopbackUp;
    IOException failNext;
    boolean closed;
    List<String> limitations = List.of();

    void process(int pid, long start, String name, long up, long down, long loopUp, long loopDown) {
        processes.add(new ProcessCount(pid, start, 1, 0, name, up, down, loopUp, loopDown));
    }

    /** A process counted in a cgroup. */
    void process(int pid, long start, String name, long up, long cgroupId) {
        processes.add(new ProcessCount(pid, start, 1, 0, name, up, 0, 0, 0, cgroupId));
    }

    void socket(long cookie, long up, long down) {
        sockets.add(new SocketCount(cookie, up, down));
    }

    /** A socket's count that names the process that moved its bytes. */
    void socket(long cookie, long up, long down, int mover) {
        sockets.add(new SocketCount(cookie, up, down, mover));
    }

    /** As {@link #sent}, with the counter saying which process moved the socket's bytes. */
    void moved(int pid, long start, String name, long cookie, long up) {
        process(pid, start, name, up, 0, 0, 0);
        socket(cookie, up, 0, pid);
    }

    /** A process that sent {@code up} bytes to another host, all on one socket. */
    void sent(int pid, long start, String name, long cookie, long up) {
        process(pid, start, name, up, 0, 0, 0);
        socket(cookie, up, 0);
    }

    @Override
    public CounterSample drain() throws IOException {
        if (failNext != null) {
            IOException e = failNext;
            failNext = null;
            throw e;
        }
        CounterSample s = new CounterSample(processes, sockets, unplacedUp, 0, unplacedLoopbackUp, 0);
        processes.clear();
        sockets.clear();
        unplacedUp = 0;
        unplacedLoopbackUp = 0;
        return s;
    }

    @Override
    public List<String> limitations() {
        return limitations;
    }

    @Override
    public void close() {
        closed = true;
    }
}
