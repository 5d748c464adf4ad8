package org.sstop.core;

import java.util.Map;

/**
 * Where the counted bytes of one path (traffic leaving or entering the host, or loopback traffic
 * between its own processes) went. Every figure is cumulative since the monitor started and only
 * grows: bytes no process could be charged for are {@code unattributed}; those whose owner was
 * found a sample or more later moved to that process and are also {@code reattributed}, so the
 * bytes on processes are {@code total - unattributed + reattributed}.
 *
 * @param total every byte counted on this path, attributed or not
 * @param unattributed bytes charged to no process when counted
 * @param unattributedByReason the same by reason (only reasons with bytes)
 * @param reattributed unattributed bytes later charged to the process found late
 * @param reattributedByReason the same by the reason they had been unattributed for
 */
public record Attribution(
        Traffic total,
        Traffic unattributed,
        Map<UnattributedReason, Traffic> unattributedByReason,
        Traffic reattributed,
        Map<UnattributedReason, Traffic> reattributedByReason) {

    /** Nothing counted. */
    public static final Attribution NONE = new Attribution(Traffic.ZERO, Traffic.ZERO, Map.of(), Traffic.ZERO, Map.of());

    /** Copies the maps. */
    public Attribution {
        unattributedByReason = Map.copyOf(unattributedByReason);
        reattributedByReason = Map.copyOf(reattributedByReason);
    }

    /** Bytes on processes: total, less what is still unattributed. */
    public long attributedBytes() {
        return total.totalBytes() - unattributed.totalBytes() + reattributed.totalBytes();
    }
}
