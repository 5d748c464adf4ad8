package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.testkit.CiAssume;

/**
 * sstop's promise checked the way a user would, on every Linux tier: real processes move a known
 * number of bytes to a peer host (a network namespace) or to each other over loopback, all at
 * once (one of them reads with {@code splice(2)}, as a proxy does), and the monitor, with the real backends, must report each on its own pid: totals within
 * 1 %, steady rates within 3 %, loopback once per side and outside the system totals.
 */
class AccuracyTest {

    static final int SECONDS = 25;
    /**
     * Steady state begins when the smoothed rate of a process that was idle before the transfer
     * has converged: with alpha 0.3 per second, 0.7^10 = 2.8 % is left of the step after 10 s.
     */
    private static final int STEADY_FROM = 12;
    private static final long TCP_RATE = 5_000_000;
    private static final long UDP_RATE = 2_000_000;
    /**
     * A paced download from the peer's sink read with {@code splice(2)} into a pipe and on to
     * /dev/null, as a splicing proxy reads (no {@code recvmsg}): {@code HOST PORT RATE SECONDS}.
     */
    private static final String SPLICE_DOWNLOAD = String.join("\n",
            "import os, socket, struct, sys",
            "s = socket.create_connection((sys.argv[1], int(sys.argv[2])))",
            "s.sendall(b'D' + struct.pack('>qd', int(sys.argv[3]), float(sys.argv[4])))",
            "print('READY', os.getpid(), flush=True)",
            "r, w = os.pipe(); null = os.open('/dev/null', os.O_WRONLY); n = 0",
            "while True:",
            "    m = os.splice(s.fileno(), w, 1 << 16)",
            "    if m == 0: break",
            "    n += m",
            "    while m > 0: m -= os.splice(r, null, m)",
            "print('DONE', os.getpid(), n, flush=True)");

    private static PeerHost net;
    private static int port;

    /** One generator and what must be seen on its pid: its upload or its download. */
    private record Expectation(String what, PeerHost.Gen gen, boolean upload, long rate) {
    }

    @BeforeAll
    static void peer() throws Exception {
        CiAssume.onPath("python3");
        port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        net = PeerHost.create(port);
    }

    @AfterAll
    static void cleanup() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    private static double value(Traffic t, boolean upload, boolean rate) {
        return rate ? (upload ? t.upRate() : t.downRate()) : (upload ? t.upBytes() : t.downBytes());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Tier.class)
    void everyKindOfTransferIsCountedOnItsPid(Tier tier) throws Exception {
        String secs = Integer.toString(SECONDS);
        String peerPort = Integer.toString(port);
        int local = ThreadLocalRandom.current().nextInt(30_000, 40_000);
        PeerHost.Gen loSink = net.run("sink", "127.0.0.1", Integer.toString(local));
        PeerHost.Gen udpServer = net.run("udp-recv", net.hostAddress, Integer.toString(local + 1), "3000");
        try (Watch w = Watch.start(tier)) {
            Snapshot first = w.latest();
            long t0 = System.nanoTime();
            List<Expectation> all = List.of(
                    new Expectation("tcp upload", net.run("upload", net.peerAddress, peerPort, "" + TCP_RATE, secs), true, TCP_RATE),
                    new Expectation("tcp download", net.run("download", net.peerAddress, peerPort, "" + TCP_RATE, secs), false, TCP_RATE),
                    new Expectation("tcp download read with splice",
                            net.runPython(SPLICE_DOWNLOAD, net.peerAddress, peerPort, "" + TCP_RATE, secs), false, TCP_RATE),
                    new Expectation("udp connected", net.run("udp", net.peerAddress, peerPort, "" + UDP_RATE, secs, "connected"), true,
                            UDP_RATE),
                    new Expectation("udp sendto", net.run("udp", net.peerAddress, peerPort, "" + UDP_RATE, secs, "sendto"), true, UDP_RATE),
                    new Expectation("loopback sender", net.run("upload", "127.0.0.1", Integer.toString(local), "" + TCP_RATE, secs), true,
                            TCP_RATE));
            PeerHost.Gen udpClient = net.runOnPeer("udp", net.hostAddress, Integer.toString(local + 1), "" + UDP_RATE, secs, "connected");
            long tcp = 0;
            long udp = 0;
            long loopback = 0;
            List<Long> moved = new ArrayList<>();
            for (Expectation e : all) {
                long bytes = e.gen().awaitDone(SECONDS + 30);
                moved.add(bytes);
                if (e.what().startsWith("loopback")) {
                    loopback = bytes;
                } else if (e.what().startsWith("tcp")) {
                    tcp += bytes;
                } else {
                    udp += bytes;
                }
            }
            udpClient.awaitDone(SECONDS + 30);
            long udpReceived = udpServer.awaitDone(30);
            udp += udpReceived;
            Snapshot last = w.settle();

            List<Expectation> checked = new ArrayList<>(all);
            checked.add(new Expectation("loopback receiver", loSink, false, TCP_RATE));
            checked.add(new Expectation("udp receive-only server", udpServer, false, UDP_RATE));
            moved.add(loopback);
            moved.add(udpReceived);
            for (int i = 0; i < checked.size(); i++) {
                check(w, t0, checked.get(i), moved.get(i));
            }
            ProcessStats sender = Watch.process(last, all.get(all.size() - 1).gen().pid()).orElseThrow();
            ProcessStats receiver = Watch.process(last, loSink.pid()).orElseThrow();
            assertTrue(sender.traffic().downBytes() < loopback / 100, tier + ": loopback sender also charged a download: " + sender.traffic());
            assertTrue(receiver.traffic().upBytes() < loopback / 100, tier + ": loopback receiver also charged an upload: " + receiver.traffic());
            // Both ends of every loopback byte are in the loopback account, and none in the system totals.
            // The peer's processes are in another namespace: an exact tier counts their ends of every
            // external byte too, the netlink tier their TCP ends (their UDP sockets have no counters, and
            // the packet counter captures only this namespace), the /proc tier none.
            long loopbackSeen = last.loopback().total().totalBytes() - first.loopback().total().totalBytes();
            Watch.report(Watch.within(2.0 * loopback, loopbackSeen, 0.02, tier + " loopback account"));
            long totals = last.totals().totalBytes() - first.totals().totalBytes();
            double expected = tier.exact() ? 2.0 * (tcp + udp) : tier == Tier.NETLINK ? 2.0 * tcp + udp : tcp + udp;
            Watch.report(Watch.within(expected, totals, 0.02, tier + " system totals"));
        } finally {
            loSink.process().destroyForcibly();
            udpServer.process().destroyForcibly();
        }
    }

    /** The total (1 %) and, between STEADY_FROM and SECONDS-2 s, the steady rate (3 %) on the expectation's pid. */
    private static void check(Watch w, long t0, Expectation e, long moved) {
        String what = w.tier + " " + e.what();
        Snapshot last = w.latest();
        ProcessStats p = Watch.process(last, e.gen().pid()).orElseThrow(() -> new AssertionError(what + ": pid " + e.gen().pid() + " missing"));
        Watch.report(Watch.within(moved, value(p.traffic(), e.upload(), false), 0.01, what + " bytes"));
        int steady = 0;
        double worst = 0;
        for (Watch.Timed t : w.snaps) {
            double at = (t.nanos() - t0) / 1e9;
            if (at < STEADY_FROM || at > SECONDS - 2) {
                continue;
            }
            ProcessStats s = Watch.process(t.snapshot(), e.gen().pid()).orElseThrow();
            double rate = value(s.traffic(), e.upload(), true);
            Watch.within(e.rate(), rate, 0.03, String.format("%s rate at %.1f s", what, at));
            worst = Math.max(worst, Math.abs(rate - e.rate()) / e.rate());
            steady++;
        }
        assertTrue(steady >= 8, what + ": too few steady-state samples: " + steady);
        Watch.report(String.format("%s rate: %d steady samples, worst %.2f%% off", what, steady, worst * 100));
    }
}
