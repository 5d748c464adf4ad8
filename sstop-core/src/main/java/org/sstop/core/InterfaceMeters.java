package org.sstop.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;

/**
 * Rates and totals per interface from cumulative counters (headers included, as the kernel
 * counts). A counter that went down (interface re-created) counts its current value. Written by
 * the {@link Engine} once per sample.
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

    private final Map<String, Entry> byName = new HashMap<>();
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
            Entry e = byName.get(c.name());
            long packets = c.rxPackets() + c.txPackets();
            long up;
            long down;
            long newPackets;
            if (e == null) {
                e = new Entry();
                byName.put(c.name(), e);
                up = baseline ? 0 : c.txBytes();
                down = baseline ? 0 : c.rxBytes();
                newPackets = baseline ? 0 : packets;
            } else if (e.seenTick != tick) {
                up = grown(c.txBytes(), e.tx);
                down = grown(c.rxBytes(), e.rx);
                newPackets = grown(packets, e.packets);
            } else {
                continue; // listed twice
            }
            e.meter.add(up, down, false);
            if (!c.loopback()) {
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

    /** Bytes (headers included) the non-loopback interfaces moved in the last update. */
    long externalBytes() {
        return externalBytes;
    }

    /** Packets the non-loopback interfaces moved in the last update. */
    long externalPackets() {
        return externalPackets;
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
