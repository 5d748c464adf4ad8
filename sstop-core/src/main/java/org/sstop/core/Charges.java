package org.sstop.core;

import java.util.Arrays;
import org.sstop.api.IpAddress;

/**
 * Bytes that one stage of a sample found, to be charged by the {@link Accountant}: one entry per
 * socket (several for a socket are fine), or per flow end that matched no socket. Columns of
 * primitives, reused from sample to sample, so that ten thousand entries make no garbage.
 *
 * <p>Owned by the stage that fills it: it clears the charges at the start of its run and appends
 * to them; the accountant only reads them, in the same sample.
 */
final class Charges {

    private SockState[] sockets = new SockState[64];
    private IpAddress[] remotes = new IpAddress[64];
    private long[] ups = new long[64];
    private long[] downs = new long[64];
    private boolean[] loopbacks = new boolean[64];
    private int size;

    void clear() {
        Arrays.fill(sockets, 0, size, null);
        Arrays.fill(remotes, 0, size, null);
        size = 0;
    }

    /**
     * Appends one entry.
     *
     * @param socket the socket that moved the bytes, or null for a flow that matched no socket
     * @param remote the remote host when it is not the socket's own connected peer (a flow of an
     *     unconnected UDP socket, or of no socket), else null
     * @param up bytes sent
     * @param down bytes received
     * @param loopback whether the flow was seen on a loopback path (the socket's own loopback mark
     *     is added by the accountant)
     */
    void add(SockState socket, IpAddress remote, long up, long down, boolean loopback) {
        if (up == 0 && down == 0) {
            return;
        }
        if (size == sockets.length) {
            int n = size * 2;
            sockets = Arrays.copyOf(sockets, n);
            remotes = Arrays.copyOf(remotes, n);
            ups = Arrays.copyOf(ups, n);
            downs = Arrays.copyOf(downs, n);
            loopbacks = Arrays.copyOf(loopbacks, n);
        }
        sockets[size] = socket;
        remotes[size] = remote;
        ups[size] = up;
        downs[size] = down;
        loopbacks[size] = loopback;
        size++;
    }

    int size() {
        return size;
    }

    SockState socket(int i) {
        return sockets[i];
    }

    IpAddress remote(int i) {
        return remotes[i];
    }

    long up(int i) {
        return ups[i];
    }

    long down(int i) {
        return downs[i];
    }

    boolean loopback(int i) {
        return loopbacks[i];
    }
}
