package org.sstop.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * The meters behind one {@link Attribution}: everything counted on one path, what was charged to no
 * process (by reason), and what moved to a process found late (by reason). Written by the
 * {@link Accountant}, committed by the {@link Ledger}.
 */
final class Account {

    final TrafficMeter total;
    private final TrafficMeter unattributed = new TrafficMeter(false);
    private final TrafficMeter reattributed = new TrafficMeter(false);
    private final EnumMap<UnattributedReason, TrafficMeter> unattributedBy = new EnumMap<>(UnattributedReason.class);
    private final EnumMap<UnattributedReason, TrafficMeter> reattributedBy = new EnumMap<>(UnattributedReason.class);

    Account(boolean withHistory) {
        this.total = new TrafficMeter(withHistory);
    }

    void unattributed(UnattributedReason reason, long up, long down, boolean primed) {
        unattributed.add(up, down, primed);
        unattributedBy.computeIfAbsent(reason, r -> new TrafficMeter(false)).add(up, down, primed);
    }

    /** Bytes counted earlier that move to a process now: in totals and deltas, not as a rate (as for the process). */
    void reattributed(UnattributedReason reason, long up, long down) {
        reattributed.addLate(up, down);
        reattributedBy.computeIfAbsent(reason, r -> new TrafficMeter(false)).addLate(up, down);
    }

    /**
     * A socket charged here as unattributed left, or has an owner now who adopts its rate:
     * {@code share} of that rate leaves the unattributed rates (the share of its unattributed bytes
     * that had this reason), so that the total rate stays attributed plus unattributed.
     */
    void shedUnattributed(UnattributedReason reason, Ema socket, double share) {
        unattributed.shedRate(socket, share);
        TrafficMeter byReason = unattributedBy.get(reason);
        if (byReason != null) {
            byReason.shedRate(socket, share);
        }
    }

    void commit(SampleTime t) {
        total.commit(t);
        unattributed.commit(t);
        reattributed.commit(t);
        unattributedBy.values().forEach(m -> m.commit(t));
        reattributedBy.values().forEach(m -> m.commit(t));
    }

    Attribution attribution() {
        return new Attribution(total.traffic(), unattributed.traffic(), byReason(unattributedBy),
                reattributed.traffic(), byReason(reattributedBy));
    }

    /** Reasons that ever had bytes (a meter exists only once bytes were added). */
    private static Map<UnattributedReason, Traffic> byReason(EnumMap<UnattributedReason, TrafficMeter> meters) {
        Map<UnattributedReason, Traffic> out = new EnumMap<>(UnattributedReason.class);
        meters.forEach((r, m) -> out.put(r, m.traffic()));
        return out;
    }
}
