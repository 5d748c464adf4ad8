package org.sstop.core;

import org.sstop.api.ContainerInfo;

/**
 * The processes of one container, service or session, rolled up. Text fields are untrusted:
 * sanitize before display.
 *
 * @param container what the group is
 * @param traffic the sum of its processes' rates; totals and deltas of every byte its processes
 *     moved while sstop watched (they only grow while the group is listed, also when a process
 *     exits and is dropped)
 * @param processes its processes in this snapshot that are running
 * @param connections their open connections
 * @param history the group's per-second bytes over the last minute
 */
public record ContainerStats(ContainerInfo container, Traffic traffic, int processes, int connections,
        RateHistory history) {

    /**
     * A group without a history.
     *
     * @param container what the group is
     * @param traffic rates and totals
     * @param processes running processes
     * @param connections open connections
     */
    public ContainerStats(ContainerInfo container, Traffic traffic, int processes, int connections) {
        this(container, traffic, processes, connections, RateHistory.EMPTY);
    }
}
