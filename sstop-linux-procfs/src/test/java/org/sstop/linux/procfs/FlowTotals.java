package org.sstop.linux.procfs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowDelta;
import org.sstop.api.FlowSample;

/** Sums what a flow counter drains, per flow, across drains (test helper). */
final class FlowTotals {

    /** Summed counts of one flow key. */
    static final class Sum {
        long bytesOut;
        long bytesIn;
        long packetsOut;
        long packetsIn;
        boolean loopback;
        int deltas;
    }

    final Map<String, Sum> flows = new HashMap<>();
    long drops;
    long seen;

    static String key(FlowDelta d) {
        return d.protocol() + " " + d.local() + " " + d.remote();
    }

    void add(FlowSample s) {
        drops += s.packetsDropped();
        seen += s.packetsSeen();
        for (FlowDelta d : s.flows()) {
            Sum sum = flows.computeIfAbsent(key(d), k -> new Sum());
            sum.bytesOut += d.bytesOut();
            sum.bytesIn += d.bytesIn();
            sum.packetsOut += d.packetsOut();
            sum.packetsIn += d.packetsIn();
            sum.loopback |= d.loopback();
            sum.deltas++;
        }
    }

    Sum get(String key) {
        return flows.get(key);
    }

    /**
     * Drains until {@code done} holds (or 10 s pass), then once more after a pause so that late
     * duplicates would show.
     */
    void drainUntil(FlowCounter counter, Predicate<FlowTotals> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.test(this) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            add(counter.drain());
        }
        Thread.sleep(300);
        add(counter.drain());
    }
}
