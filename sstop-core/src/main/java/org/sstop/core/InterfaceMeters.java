package org.sstop.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;

/**
 * Rates and totals per interface from cumulative counters (headers included, as the kernel
 * counts). A counter that went down (interface re-created) counts its current value. An interface
 * is known by its namespace and its name ({@code eth0} is in every container); only those of the
 * monitor's own namespace make the external totals, as traffic of a container's interface also
 * crosses one of the host's (its veth peer). Written by the {@link Engine} once per sample.
 */
final class InterfaceMeters {

    private static final class Entry {
        final TrafficMeter meter = new TrafficMeter(false);
        long rx;
        long tx;
        long packets;
        InterfaceCounters last;
        long seenTick;
    }

    /**
     * Namespace and name of an interface. Its {@code equals} and {@code hashCode} are written out:
     * a record's generated ones spin method handles on first use, which costs a cold start.
     */
    private record Key(long netns, String name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.netns == netns && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(netns) + name.hashCode();
        }
    }

    private static final Comparator<InterfaceStats> OWN_FIRST_BY_NAME = Comparator
            .comparingLong((InterfaceStats i) -> i.netns())
            .thenComparing(InterfaceStats::name);

    private final Map<Key, Entry> byName = new HashMap<>();
    /** The source the entries were read from: a new one starts from a baseline. */
    private InterfaceSource readFrom;
    private long externalBytes;
    private long externalPackets;

    /**
     * Reads the service's source, if one runs, and applies the reading: the first reading of a
     * source only sets the baseline; without a source (or after it failed) there are no interfaces.
     */
    void read(ServiceSlot<InterfaceSource> slot, long tick) {
        InterfaceSource source = slot.current();
        List<InterfaceCounters> counters = slot.call(InterfaceSource::read);
        if (source == null || slot.current() != source) {
            clear();
            return;
        }
        if (counters != null) {
            update(counters, tick, source != readFrom);
            readFrom = source;
        } else {
            externalBytes = 0; // a failed read moves nothing this sample
            externalPackets = 0;
        }
    }

    /** Applies one reading; {@code baseline} when it is the first reading of this source. */
    private void update(List<InterfaceCounters> counters, long tick, boolean baseline) {
        externalBytes = 0;
        externalPackets = 0;
        for (InterfaceCounters c : counters) {
            if (c == null || c.name() == null) {
                continue;
            }
            Key key = new Key(c.netns(), c.name());
            Entry e = byName.get(key);
            long packets = c.rxPackets() + c.txPackets();
            long up;
            long down;
            long newPackets;
            if (e == null) {
                e = new Entry();
                byName.put(key, e);
                // Another namespace's interface is found when its namespace is, maybe long after
                // it was made: its first reading is a baseline, never a lifetime in one sample.
                boolean fromZero = !baseline && !c.inOtherNamespace();
                up = fromZero ? c.txBytes() : 0;
                down = fromZero ? c.rxBytes() : 0;
                newPackets = fromZero ? packets : 0;
            } else if (e.seenTick != tick) {
                up = grown(c.txBytes(), e.tx);
                down = grown(c.rxBytes(), e.rx);
                newPackets = grown(packets, e.packets);
            } else {
                continue; // listed twice
            }
            e.meter.add(up, down, false);
            if (!c.loopback() && !c.inOtherNamespace()) {
                externalBytes += up + down;
                externalPackets += newPackets;
            }
            e.rx = c.rxBytes();
            e.tx = c.txBytes();
            e.packets = packets;
            e.last = c;
            e.seenTick = tick;
        }
        byName.values().removeIf(e -> e.seenTick != tick);
    }

    private static long grown(long now, long before) {
        return now >= before ? now - before : Math.max(0, now);
    }

    void commit(SampleTime t) {
        for (Entry e : byName.values()) {
            e.meter.commit(t);
        }
    }

    void clear() {
        byName.clear();
        readFrom = null;
        externalBytes = 0;
        externalPackets = 0;
    }

    /** Bytes (headers included) the non-loopback interfaces of the monitor's namespace moved in the last update. */
    long externalBytes() {
        return externalBytes;
    }

    /** Packets the non-loopback interfaces of the monitor's namespace moved in the last update. */
    long externalPackets() {
        return externalPackets;
    }

    /** The interfaces: the monitor's namespace's first, then by namespace; by name within one. */
    List<InterfaceStats> stats() {
        List<InterfaceStats> out = new ArrayList<>(byName.size());
        for (Entry e : byName.values()) {
            InterfaceCounters c = e.last;
            out.add(new InterfaceStats(c.name(), e.meter.traffic(), c.loopback(), c.up(), c.netns()));
        }
        out.sort(OWN_FIRST_BY_NAME);
        return out;
    }
}
