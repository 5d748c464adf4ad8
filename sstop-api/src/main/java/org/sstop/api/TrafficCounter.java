package org.sstop.api;

import java.io.IOException;

/**
 * Exact byte counters kept by the kernel as the bytes move: per process (thread group), and per
 * socket where the counter knows the socket's cookie. A counter sees what no socket list can:
 * connections shorter than a sample, processes that exit at once, sockets in every network
 * namespace. While one runs, the engine takes process (and socket) bytes from it alone, never
 * adding them to what socket counters or packets say. Threading: see {@link Backend}.
 */
public interface TrafficCounter extends Backend {

    /**
     * Hands over what was counted since the previous call. Counters that reached their bound
     * report the bytes they could not place apart ({@link CounterSample#unplacedUpBytes()}), never
     * lose them silently and never count them twice.
     *
     * @return the bytes each process and socket moved since the previous call
     * @throws IOException on failure ({@link PermanentFailureException} if it will not recover)
     */
    CounterSample drain() throws IOException;
}
