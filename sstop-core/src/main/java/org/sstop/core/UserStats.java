package org.sstop.core;

/**
 * The processes of one user rolled up: what a multi-user host's administrator asks first.
 *
 * @param user the user's name (untrusted; the uid in decimal when it has no name)
 * @param traffic the sum of its processes' rates; totals since the monitor started, exited
 *     processes' bytes included
 * @param processes its running processes with sockets or traffic
 * @param connections its processes' open connections
 * @param history per-second bytes over the last minute
 */
public record UserStats(String user, Traffic traffic, int processes, int connections, RateHistory history) {
}
