package org.sstop.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.sstop.api.CounterSample;
import org.sstop.api.IpAddress;

/**
 * Folds the charges of a sample into the meters: each byte goes to its socket, to the socket's
 * process or else to an unattributed reason, to the path's account (traffic leaving or entering the
 * host, or loopback) and, off loopback, to the remote host. Loopback bytes count for the process at
 * each end (each end's socket reports its own), never in the host's totals. Bytes once charged as
 * unattributed stay there: when their socket's owner is found late, they are also charged to it as
 * reattributed, so every cumulative figure only grows.
 */
final class Accountant {

    private static final UnattributedReason[] REASONS = UnattributedReason.values();
    private static final boolean[] PATHS = {false, true};

    private final Ledger ledger;
    private final HostTable hosts;
    /** Counted sockets that no dump has listed yet, kept for one sample (see {@link #postWaiting}). */
    private final WaitingCounts waiting = new WaitingCounts();
    /** This sample's counted sockets whose rate holder is decided now, and the owners noted (reused: no garbage). */
    private final List<SockState> deciding = new ArrayList<>();
    private final List<ProcessEntry> noted = new ArrayList<>();

    Accountant(Ledger ledger, HostTable hosts) {
        this.ledger = ledger;
        this.hosts = hosts;
    }

    /** Charges every entry. */
    void post(Charges charges) {
        for (int i = 0, n = charges.size(); i < n; i++) {
            SockState s = charges.socket(i);
            long up = charges.up(i);
            long down = charges.down(i);
            IpAddress remote = charges.remote(i);
            if (s == null) {
                unowned(charges.loopback(i), UnattributedReason.NO_SOCKET, remote, up, down);
            } else {
                socket(s, remote, up, down, charges.loopback(i) || s.loopback);
            }
        }
    }

    private void unowned(boolean loop, UnattributedReason reason, IpAddress remote, long up, long down) {
        Account account = ledger.account(loop);
        account.total.add(up, down, false);
        account.unattributed(reason, up, down, false);
        if (!loop) {
            hosts.get(0, remote).meter.add(up, down, false); // flows: the monitor's own namespace
        }
    }

    private void socket(SockState s, IpAddress remote, long up, long down, boolean loop) {
        // Bytes of a socket's first interval set its rate outright: they do the same in every sum
        // it belongs to, so that a process's rate is the sum of its sockets' (see Ema).
        boolean primed = !s.meter.primed();
        s.meter.add(up, down, false);
        if (s.owner != null && s.owner.dropped) {
            s.owner = null; // its process exited and left the table; the socket's last bytes are nobody's now
            s.reason = UnattributedReason.PROCESS_EXITED;
        }
        ProcessEntry owner = s.owner;
        Account account = ledger.account(loop);
        account.total.add(up, down, primed);
        if (owner != null) {
            owner.meter.add(up, down, primed);
        } else {
            account.unattributed(s.reason, up, down, primed);
            if (s.unclaimed == null) {
                s.unclaimed = new Unclaimed();
            }
            s.unclaimed.add(loop, s.reason, up, down);
        }
        if (loop) {
            return;
        }
        HostEntry host = remote != null ? hosts.get(0, remote) : hosts.peerOf(s);
        if (host != null) {
            host.meter.add(up, down, primed);
            if (remote != null && owner != null) {
                host.pid(owner.pid); // an unconnected socket talks to this host now
            }
        }
    }

    /**
     * Charges what a kernel traffic counter counted: its per-process bytes to the processes and the
     * accounts (external or loopback, as the counter split them), its per-socket bytes to the
     * sockets and, off loopback, their hosts. Socket bytes go to no process or account: the process
     * counts already hold them (the counter replaces, never adds to, what sockets and packets say).
     * What it could not place is unattributed ({@code unplaced}).
     *
     * @param owners the process entry of each of the sample's processes, in order
     * @param processes the table that made them: it finds the process a socket's count names as
     *     its mover, and hands the socket to that process
     * @param sockets the tracker's sockets by cookie
     * @param t the sample's time (the rate a socket no dump lists yet adds to its process's)
     */
    void postCounts(CounterSample sample, List<ProcessEntry> owners, ProcessTable processes,
            LongFunction<SockState> sockets, SampleTime t) {
        postWaiting(sockets);
        for (CounterSample.SocketCount c : sample.sockets()) {
            SockState s = sockets.apply(c.cookie());
            long up = Math.max(0, c.upBytes());
            long down = Math.max(0, c.downBytes());
            ProcessEntry mover = up != 0 || down != 0 ? processes.countedNow(c.moverPid()) : null;
            if (s == null) {
                // A socket born after the dump: the next one lists it. Its bytes enter its process's
                // rate now, whole in the process's first interval, else averaged: its own first rate
                // will be what they added there (see postWaiting).
                double share = mover == null || t.seconds() <= 0 ? Double.NaN
                        : (mover.meter.primed() ? t.alpha() : 1) / t.seconds();
                waiting.add(c.cookie(), up, down, share);
                continue;
            }
            boolean primed = !s.meter.primed();
            if (mover != null) {
                // The counter says who moved the bytes (after a fork, maybe not the owner the
                // mapper names): the socket is that process's, and its rate holds the socket's.
                processes.followMover(s, mover);
                s.rateHolder = mover;
                s.rateHolderDecided = true;
                if (primed) {
                    noteFirst(mover, s.loopback, up, down);
                }
            } else if (s.owner != null && (primed || !s.rateHolderDecided)) {
                note(s, up, down, primed);
            }
            s.meter.add(up, down, primed);
            HostEntry host = hosts.peerOf(s);
            if (host != null) {
                host.meter.add(up, down, primed);
            }
        }
        List<CounterSample.ProcessCount> counts = sample.processes();
        for (int i = 0, n = counts.size(); i < n; i++) {
            CounterSample.ProcessCount c = counts.get(i);
            long up = Math.max(0, c.upBytes());
            long down = Math.max(0, c.downBytes());
            long loopUp = Math.max(0, c.loopbackUpBytes());
            long loopDown = Math.max(0, c.loopbackDownBytes());
            ProcessEntry owner = owners.get(i);
            owner.countedExternal += up + down; // the split of its rate when it leaves the accounts (Departures)
            owner.countedLoopback += loopUp + loopDown;
            // Bytes that set rates outright (a process's first, its new sockets') enter the accounts'
            // rates as they are: an account's rate stays the sum of its processes' (see Ema).
            boolean all = !owner.meter.primed();
            // Within a factor of 2: the counter reads its process table a moment before its socket
            // table, so bytes moving in between are in this sample's socket counts and the next
            // sample's process counts; a process that did not move a shared socket's bytes falls far short.
            owner.claimCovered = 2 * (up + down + loopUp + loopDown) >= owner.claimed;
            long firstUp = all ? up : Math.min(up, owner.firstUp);
            long firstDown = all ? down : Math.min(down, owner.firstDown);
            long firstLoopUp = all ? loopUp : Math.min(loopUp, owner.firstLoopUp);
            long firstLoopDown = all ? loopDown : Math.min(loopDown, owner.firstLoopDown);
            owner.meter.add(up - firstUp + loopUp - firstLoopUp, down - firstDown + loopDown - firstLoopDown, false);
            owner.meter.add(firstUp + firstLoopUp, firstDown + firstLoopDown, true);
            ledger.external.total.add(up - firstUp, down - firstDown, false);
            ledger.external.total.add(firstUp, firstDown, true);
            ledger.loopback.total.add(loopUp - firstLoopUp, loopDown - firstLoopDown, false);
            ledger.loopback.total.add(firstLoopUp, firstLoopDown, true);
        }
        decideRateHolders();
        unplaced(ledger.external, sample.unplacedUpBytes(), sample.unplacedDownBytes());
        unplaced(ledger.loopback, sample.unplacedLoopbackUpBytes(), sample.unplacedLoopbackDownBytes());
    }

    /**
     * Notes on its owner what a socket moved that is in its first interval (those bytes set the
     * owner's rate outright, see {@link ProcessEntry#firstUp}: a process's rate is its sockets'
     * rates, as on the socket tiers) or whose rate holder is still to be decided.
     */
    private void note(SockState s, long up, long down, boolean firstInterval) {
        if (!s.rateHolderDecided) {
            deciding.add(s);
            s.owner.claimed += up + down;
        }
        if (firstInterval) {
            noteFirst(s.owner, s.loopback, up, down);
        } else {
            noted.add(s.owner);
        }
    }

    /** Notes on a process what one of its sockets moved in its first interval. */
    private void noteFirst(ProcessEntry p, boolean loopback, long up, long down) {
        noted.add(p);
        if (loopback) {
            p.firstLoopUp += up;
            p.firstLoopDown += down;
        } else {
            p.firstUp += up;
            p.firstDown += down;
        }
    }

    /**
     * Makes each socket being decided its owner's rate holder where the counter's count for the
     * owner covered what those sockets moved; where it did not, another process moved them (a
     * socket shared after a fork), and no process's rate is known to hold the socket's. Then
     * clears what {@link #note} noted, counted or not, so nothing carries over.
     */
    private void decideRateHolders() {
        for (int i = 0, n = deciding.size(); i < n; i++) {
            SockState s = deciding.get(i);
            s.rateHolder = s.owner.claimCovered ? s.owner : null;
            s.rateHolderDecided = true;
        }
        for (int i = 0, n = noted.size(); i < n; i++) {
            ProcessEntry p = noted.get(i);
            p.firstUp = p.firstDown = p.firstLoopUp = p.firstLoopDown = 0;
            p.claimed = 0;
            p.claimCovered = false;
        }
        deciding.clear();
        noted.clear();
    }

    /**
     * The previous sample's counts of sockets that no dump had listed (born between the dump and
     * the drain): the socket and its host take them now, in their totals (the process had them
     * then), where this sample lists the socket or reports its close, and the socket's rate starts
     * as what they added to its process's rate. Otherwise they stay on the process alone.
     */
    private void postWaiting(LongFunction<SockState> sockets) {
        for (int i = 0, n = waiting.size(); i < n; i++) {
            SockState s = sockets.apply(waiting.cookie(i));
            if (s != null) {
                s.meter.addLate(waiting.up(i), waiting.down(i));
                boolean starts = !Double.isNaN(waiting.upRate(i)) && !s.meter.primed();
                if (starts) {
                    // Its first interval was the last sample: its rate starts where its process's took
                    // its bytes in, so this sample's bytes are averaged on both, not taken in whole twice.
                    s.meter.startAt(waiting.upRate(i), waiting.downRate(i));
                }
                HostEntry host = hosts.peerOf(s);
                if (host != null) {
                    host.meter.addLate(waiting.up(i), waiting.down(i));
                    if (starts) {
                        host.meter.adoptRate(s.meter); // the host had none of it: it takes the socket's rate along
                    }
                }
            }
        }
        waiting.clear();
    }

    /** Bytes the counter could not place: in the account's total, unattributed as unplaced. */
    private static void unplaced(Account account, long upBytes, long downBytes) {
        long up = Math.max(0, upBytes);
        long down = Math.max(0, downBytes);
        if (up != 0 || down != 0) {
            account.total.add(up, down, false);
            account.unattributed(UnattributedReason.UNPLACED, up, down, false);
        }
    }

    /**
     * Sockets whose owner was found after they had been charged as unattributed: their owner takes
     * those bytes (in its totals, not its history), and they count as reattributed. The owner also
     * takes the socket's rate, so that its rate stays the sum of its sockets', and the unattributed
     * rates give it up, in proportion to the socket's unattributed bytes by path and reason.
     */
    void reattribute(List<SockState> lateMapped) {
        for (int i = 0, n = lateMapped.size(); i < n; i++) {
            SockState s = lateMapped.get(i);
            Unclaimed u = s.unclaimed;
            if (u == null || s.owner == null) {
                continue;
            }
            s.owner.meter.adoptRate(s.meter);
            double unclaimed = u.total();
            for (boolean loop : PATHS) {
                for (UnattributedReason r : REASONS) {
                    long up = u.up(loop, r);
                    long down = u.down(loop, r);
                    if (up != 0 || down != 0) {
                        s.owner.meter.addLate(up, down);
                        ledger.account(loop).reattributed(r, up, down);
                        ledger.account(loop).shedUnattributed(r, s.meter, (up + (double) down) / unclaimed);
                    }
                }
            }
            s.unclaimed = null;
        }
    }
}
