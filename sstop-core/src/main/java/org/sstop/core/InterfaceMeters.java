package org.sstop.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.InterfaceCounters;

/**
 * Rates and totals per interface from cumulative counters (headers included, as the kernel
 * counts). A counter that went down (interface re-created) counts its current value.
 */
final class InterfaceMeters {

    private static final class Entry {
        final TrafficMeter meter = new TrafficMeter(false);
        long rx;
        long tx;
        InterfaceCounters last;
        long seenTick;
    }

    private final Map<String, Entry> byName = new HashMap<>();

    /** Applies one reading; {@code baseline} when it is the first reading of this source. */
    void update(List<InterfaceCounters> counters, long tick, boolean baseline) {
        for (InterfaceCounters c : counters) {
            if (c == null || c.name() == null) {
                continue;
            }
            Entry e = byName.get(c.name());
            if (e == null) {
                e = new Entry();
                byName.put(c.name(), e);
                if (!baseline) {
                    e.meter.add(c.txBytes(), c.rxBytes());
                }
            } else if (e.seenTick != tick) {
                e.meter.add(c.txBytes() >= e.tx ? c.txBytes() - e.tx : c.txBytes(),
                        c.rxBytes() >= e.rx ? c.rxBytes() - e.rx : c.rxBytes());
            }
            e.rx = c.rxBytes();
            e.tx = c.txBytes();
            e.last = c;
            e.seenTick = tick;
        }
        byName.values().removeIf(e -> e.seenTick != tick);
    }

    void commit(double dt, double alpha, long from, long to) {
        for (Entry e : byName.values()) {
            e.meter.commit(dt, alpha, from, to);
        }
    }

    void clear() {
        byName.clear();
    }

    /** The interfaces, sorted by name. */
    List<InterfaceStats> stats() {
        List<InterfaceStats> out = new ArrayList<>(byName.size());
        for (Entry e : byName.values()) {
            out.add(new InterfaceStats(e.last.name(), e.meter.traffic(), e.last.loopback(), e.last.up()));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }
}
