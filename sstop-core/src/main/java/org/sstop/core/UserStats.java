package org.sstop.core;

/**
 * The processes of one user rolled up: what a multi-user host's administrator asks first.
 *
 * @param user the user's name (untrusted; the uid in decimal when no process of it was named)
 * @param uid the user id: processes are grouped by it, so a process only the traffic counter saw
 *     (named by its uid) is in its user's group
 * @param traffic the sum of its processes' rates; totals since the monitor started, exited
 *     processes' bytes included
 * @param processes its running processes with sockets or traffic
 * @param connections its processes' open connections
 * @param history per-second bytes over the last minute
 */
public record UserStats(String user, int uid, Traffic traffic, int processes, int connections, RateHistory history) {
}
