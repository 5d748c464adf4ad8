package org.sstop.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;
import org.sstop.api.SocketSample;

/**
 * Keeps one {@link SockState} per socket identity (the cookie, or namespace + protocol + 5-tuple +
 * owner key when there is no cookie) and turns cumulative counters into the bytes of each sample: delta =
 * now - last seen; a socket born since the previous sample counts all its bytes (except at the
 * baseline sample); a counter that went down is a new socket on the same identity and counts its
 * current value; a destroyed socket counts final - last seen, and one never seen before counts
 * all its bytes, as short-lived.
 */
final class SocketTracker {

    private static final int VANISHED_CAPACITY = 8_192;

    private final LongObjectMap<SockState> byCookie = new LongObjectMap<>(1024);
    private final Map<TupleKey, SockState> byTuple = new HashMap<>();
    /**
     * Counted sockets that left the dump without a close notification, by cookie, with their last
     * counters and owner: a half-closed socket whose peer closed is listed as TIME_WAIT (no
     * counters) while its fd stays open, and its final counters come only when the fd is closed,
     * maybe after the TIME_WAIT entry expired. Bounded; the oldest are dropped first.
     */
    private final Map<Long, SockState> vanished = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SockState> eldest) {
            return size() > VANISHED_CAPACITY;
        }
    };
    private final TupleKey probe = new TupleKey();
    private final List<SockState> all = new ArrayList<>();
    private final List<SockState> fresh = new ArrayList<>();
    private final SocketIndex index = new SocketIndex();
    private final Charges deltas = new Charges();
    /** Set by {@link #create} when a cookie-less socket continues an earlier one on its tuple. */
    private SockState predecessor;
    /** Whether a kernel traffic counter counts every socket's bytes: set by the engine before each update. */
    private boolean counterRuns;

    /** Every socket of this sample: open ones, and those closed or vanished since the previous sample. */
    List<SockState> all() {
        return all;
    }

    SocketIndex index() {
        return index;
    }

    /** The socket with this cookie this sample (open, or closed since the previous one), or null. */
    SockState byCookie(long cookie) {
        return byCookie.get(cookie);
    }

    /** Tells whether a kernel traffic counter runs (then a socket's final counters are never its only count). */
    void counterRuns(boolean runs) {
        counterRuns = runs;
    }

    /**
     * Applies one socket sample.
     *
     * @param baseline true for the first sample of a source: counters only set the baseline
     * @return the bytes each socket moved since the previous sample (valid until the next call)
     */
    Charges update(SocketSample sample, long tick, long nowNanos, boolean baseline) {
        deltas.clear();
        fresh.clear();
        List<SocketInfo> sockets = sample.sockets();
        for (int i = 0, n = sockets.size(); i < n; i++) {
            SocketInfo si = sockets.get(i);
            if (!wellFormed(si)) {
                continue;
            }
            SockState s = find(si);
            if (s == null && (s = revive(si)) != null) {
                advance(s, si); // it missed a dump or more (a dump can skip a socket the kernel moved): it goes on
            } else if (s == null) {
                predecessor = null;
                s = create(si, nowNanos);
                s.lifeUncounted = !baseline && !counterRuns && si.state() == SocketState.TIME_WAIT && !si.hasByteCounters();
                if (!baseline && si.state() == SocketState.TIME_WAIT) {
                    s.reason = UnattributedReason.SHORT_LIVED; // first seen closed: its connection's life fell between two samples
                }
                if (s.ownCounters && !baseline) {
                    SockState p = predecessor;
                    charge(s, si, p != null && p.ownCounters ? p : null); // else a new socket counts all its bytes
                }
                fresh.add(s);
            } else if (s.lastSeenTick == tick) {
                continue; // listed twice in one dump
            } else {
                advance(s, si);
            }
            s.lastSeenTick = tick;
        }
        if (!baseline) {
            List<SocketInfo> closed = sample.closed();
            for (int i = 0, n = closed.size(); i < n; i++) {
                closeOne(closed.get(i), tick, nowNanos);
            }
        }
        markLoopback();
        return deltas;
    }

    private void closeOne(SocketInfo si, long tick, long nowNanos) {
        if (!wellFormed(si)) {
            return;
        }
        SockState s = find(si);
        if (s == null && (s = revive(si)) != null) {
            if (si.hasByteCounters()) {
                charge(s, si, s);
            }
        } else if (s == null && (s = timeWaitTwin(si, tick)) != null) {
            chargeWholeLife(s, si);
        } else if (s == null) {
            // born and died between two samples: its owner was never seen
            s = create(si, nowNanos);
            fresh.add(s); // a source that names owners may still name this one's
            s.reason = UnattributedReason.SHORT_LIVED;
            if (s.ownCounters) {
                charge(s, si, null);
            }
        } else if (s.closed) {
            return;
        } else if (s.ownCounters && si.hasByteCounters()) {
            charge(s, si, s);
            s.lastSent = si.bytesSent();
            s.lastReceived = si.bytesReceived();
        } else if (s.lifeUncounted && si.hasByteCounters()) {
            chargeWholeLife(s, si);
        }
        s.closed = true;
        s.lastSeenTick = tick;
    }

    /**
     * Its first counters, at its end, for a socket whose life nothing else counted (see
     * {@link SockState#lifeUncounted}): they hold its whole life, less what packets already charged
     * it; from now on its packets are in them.
     */
    private void chargeWholeLife(SockState s, SocketInfo si) {
        deltas.add(s, null, Math.max(0, si.bytesSent() - s.meter.upBytes()),
                Math.max(0, si.bytesReceived() - s.meter.downBytes()), false);
        s.ownCounters = true;
        s.lastSent = si.bytesSent();
        s.lastReceived = si.bytesReceived();
    }

    /**
     * The TIME_WAIT entry of the connection a close notification with counters reports, listed
     * under another cookie: a socket whose cookie nobody had asked for when it entered TIME_WAIT
     * gets one for its TIME_WAIT entry when a dump lists that, and another when it is destroyed.
     * Null when there is none this dump listed, or its life is counted otherwise (an entry this
     * dump no longer lists may be of an older connection on the same tuple).
     */
    private SockState timeWaitTwin(SocketInfo si, long tick) {
        if (!si.hasByteCounters() || si.protocol() != Protocol.TCP) {
            return null;
        }
        SockState twin = index.connected(si.netns(), si.protocol(), si.local(), si.remote());
        return twin != null && twin.lifeUncounted && !twin.closed && twin.lastSeenTick == tick ? twin : null;
    }

    /** Brings back a socket forgotten without a close notification: for its final counters, or because a dump skipped it. */
    private SockState revive(SocketInfo si) {
        SockState s = si.cookie() == 0 ? null : vanished.remove(si.cookie());
        if (s != null) {
            byCookie.put(s.cookie, s);
            all.add(s);
            index.add(s);
        }
        return s;
    }

    /** A backend bug must not break the sample: records with missing parts are skipped. */
    private static boolean wellFormed(SocketInfo si) {
        return si != null && si.protocol() != null && si.local() != null && si.remote() != null && si.state() != null;
    }

    /**
     * Charges what {@code si}'s counters moved since {@code before}'s (all of them when null). A
     * counter that went down means a new socket on the same identity (a cookie may follow the
     * tuple, not the socket): all its bytes count, both ways.
     */
    private void charge(SockState s, SocketInfo si, SockState before) {
        long up = si.bytesSent();
        long down = si.bytesReceived();
        if (before != null && up >= before.lastSent && down >= before.lastReceived) {
            up -= before.lastSent;
            down -= before.lastReceived;
        }
        deltas.add(s, null, up, down, false);
    }

    private void advance(SockState s, SocketInfo si) {
        SocketInfo old = s.info;
        s.lifeUncounted &= si.state() == SocketState.TIME_WAIT;
        boolean counters = si.hasByteCounters();
        if (counters && s.ownCounters) {
            charge(s, si, s);
        }
        // Once counted by its own counters, always: a TIME_WAIT or aborted record of the same socket
        // reports UNKNOWN counters, and counting it from flows then would count its tail twice.
        s.ownCounters |= counters;
        if (counters) {
            s.lastSent = si.bytesSent();
            s.lastReceived = si.bytesReceived();
        }
        boolean endpoints = old.local() != si.local() && !old.local().equals(si.local())
                || old.remote() != si.remote() && !old.remote().equals(si.remote());
        // the source names another process as its holder now: mapped again (see ProcessTable#collect)
        boolean reowned = si.hasOwner() && si.pid() != old.pid();
        if (endpoints || old.state() != si.state()) {
            index.remove(s);
            s.host = null;
            s.info = si;
            index.add(s);
            if (endpoints) {
                s.loopback = false; // connected elsewhere: asked again below
            }
            if (s.isConnected() && !s.loopback || reowned) {
                fresh.add(s); // a new peer, or one that appeared since (a handshake done): loopback?
            }
        } else {
            s.info = si;
            if (reowned) {
                fresh.add(s);
            }
        }
    }

    private SockState find(SocketInfo si) {
        if (si.cookie() != 0) {
            return byCookie.get(si.cookie());
        }
        return byTuple.get(probe.set(si.netns(), si.protocol(), si.local(), si.remote(), si.ownerKey()));
    }

    private SockState create(SocketInfo si, long nowNanos) {
        SockState s;
        if (si.cookie() != 0) {
            s = new SockState(si.cookie(), null, si, nowNanos);
            byCookie.put(si.cookie(), s);
        } else {
            TupleKey k = new TupleKey(si.netns(), si.protocol(), si.local(), si.remote(), si.ownerKey());
            s = new SockState(0, k, si, nowNanos);
            byTuple.put(k, s);
            if (si.ownerKey() == 0 && !si.remote().isAny()) {
                // Without a cookie, a socket its process closed reappears without an owner key under a
                // new identity: it still belongs to the process that owned the same tuple.
                SockState before = index.connected(si.netns(), si.protocol(), si.local(), si.remote());
                if (before != null && before.owner != null) {
                    s.owner = before.owner;
                    predecessor = before;
                }
            }
        }
        s.ownCounters = si.hasByteCounters();
        if (s.ownCounters) {
            s.lastSent = si.bytesSent();
            s.lastReceived = si.bytesReceived();
        }
        all.add(s);
        index.add(s);
        return s;
    }

    /**
     * A connected socket is loopback when its remote is a loopback address or is one of its own
     * namespace's sockets (the reverse tuple is in the index). A peer in another namespace is
     * reached through an interface (a veth), and both ends are counted as network traffic. Both ends appear in the same dump,
     * so checking new sockets is enough.
     */
    private void markLoopback() {
        for (int i = 0, n = fresh.size(); i < n; i++) {
            SockState s = fresh.get(i);
            if (!s.isConnected()) {
                continue;
            }
            SocketInfo si = s.info;
            if (si.remote().address().isLoopback()) {
                s.loopback = true;
                continue;
            }
            SockState peer = index.connected(si.netns(), si.protocol(), si.remote(), si.local());
            if (peer != null) {
                s.loopback = true;
                peer.loopback = true;
            }
        }
    }

    /** Sockets that appeared, moved, or that their source names another holder for in the last update: they may need an owner. */
    List<SockState> fresh() {
        return fresh;
    }

    /**
     * Forgets every socket that is no longer open after sample {@code tick}, telling {@code gone}
     * about each. A counted socket that vanished without a close notification is remembered for a
     * late one.
     */
    void removeClosed(long tick, Consumer<SockState> gone) {
        int kept = 0;
        for (int i = 0, n = all.size(); i < n; i++) {
            SockState s = all.get(i);
            if (s.isOpen(tick)) {
                all.set(kept++, s);
                continue;
            }
            index.remove(s);
            s.host = null; // the host may expire while it is away; the accountant looks it up again
            if (s.cookie != 0) {
                if (byCookie.get(s.cookie) == s) {
                    byCookie.remove(s.cookie);
                }
                if (!s.closed && s.ownCounters) {
                    vanished.put(s.cookie, s);
                }
            } else {
                byTuple.remove(s.tupleKey, s);
            }
            gone.accept(s);
        }
        for (int i = all.size() - 1; i >= kept; i--) {
            all.remove(i);
        }
    }

    /** Forgets every socket: the next sample is a baseline (after a source switch). */
    void reset() {
        all.clear();
        fresh.clear();
        byCookie.clear();
        byTuple.clear();
        vanished.clear();
        index.clear();
        deltas.clear();
    }
}
