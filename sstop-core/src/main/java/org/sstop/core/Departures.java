package org.sstop.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the rates of members that left out of the sums they were in. A sum's rate is the sum of
 * its members' (see {@link Ema}): a member's first bytes set its rate, and the sums' rates,
 * outright. A member that leaves must take its rate along, or a stream of short connections (or,
 * with a kernel counter, of short-lived processes), each counted outright once, would hold the
 * sums at about 1/alpha, 3.3 times, the bytes that move. A socket that a dump no longer lists
 * leaves at once (it moved nothing this sample: its part of each sum is its rate now). One that
 * closed with its final counts, and a process that exited, leave one sample late: in the sample in
 * which they moved their last bytes, their rates are still part of the rates shown. The sums: a
 * socket's process (in socket mode, the unattributed rates where it has none; with a kernel
 * counter, the process whose rate holds its bytes, see {@link SockState#rateHolder}), its
 * account and its host; with a kernel counter also an exited process's accounts. Written by the
 * sampling thread only.
 */
final class Departures {

    private final Ledger ledger;
    private final HostTable hosts;
    /** Sockets that left the tracker in the last sample, and the host each was in (or null). */
    private final List<SockState> sockets = new ArrayList<>();
    private final List<HostEntry> hostOf = new ArrayList<>();
    /** Whether a kernel counter gives the process bytes in the current sample. */
    private boolean counterMode;

    Departures(Ledger ledger, HostTable hosts) {
        this.ledger = ledger;
        this.hosts = hosts;
    }

    /** A socket left the tracker, after its sample's commit. */
    void socketLeft(SockState s) {
        HostEntry host = hosts.peer(s); // its entry exists: a host with a connection does not expire
        if (!s.closed) {
            shed(s, host); // no longer listed: gone before this sample
        } else {
            sockets.add(s);
            hostOf.add(host);
        }
    }

    /**
     * Sheds the rates of the sockets that left in the last sample and, with a kernel counter, of
     * the processes that exited then. Before this sample's commit.
     *
     * @param counterMode whether a kernel counter gives the process bytes
     */
    void shed(boolean counterMode, List<ProcessEntry> processes) {
        this.counterMode = counterMode;
        for (int i = 0, n = sockets.size(); i < n; i++) {
            shed(sockets.get(i), hostOf.get(i));
        }
        sockets.clear();
        hostOf.clear();
        if (!counterMode) {
            return;
        }
        for (int i = 0, n = processes.size(); i < n; i++) {
            ProcessEntry p = processes.get(i);
            if (p.state != ProcessState.EXITED || p.rateShed) {
                continue;
            }
            p.rateShed = true;
            double counted = (double) p.countedExternal + p.countedLoopback;
            if (counted > 0) {
                ledger.external.total.shedRate(p.meter, p.countedExternal / counted);
                ledger.loopback.total.shedRate(p.meter, p.countedLoopback / counted);
            }
        }
    }

    private void shed(SockState s, HostEntry host) {
        if (host != null) {
            host.meter.shedRate(s.meter, 1);
        }
        Account account = ledger.account(s.loopback);
        // With a counter: the process whose rate took the socket's in, unless that rate already left
        // the accounts with its exit; without one, the owner, or else the unattributed rates.
        ProcessEntry from = !counterMode ? s.owner : s.rateHolder != null && !s.rateHolder.rateShed ? s.rateHolder : null;
        if (from != null) {
            account.total.shedRate(s.meter, 1);
            from.meter.shedRate(s.meter, 1);
        } else if (!counterMode) {
            account.total.shedRate(s.meter, 1);
            account.shedUnattributed(s.reason, s.meter, 1);
        }
    }
}
