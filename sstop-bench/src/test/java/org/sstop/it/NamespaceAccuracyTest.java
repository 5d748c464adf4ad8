package org.sstop.it;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sstop.core.Snapshot;

/**
 * Processes in another network namespace, as in every container: their sockets are in no dump of
 * this namespace, and only an exact (eBPF) tier sees them. Their totals must be right on their pids.
 */
class NamespaceAccuracyTest {

    private static PeerHost net;
    private static int port;

    @BeforeAll
    static void peer() throws Exception {
        port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        net = PeerHost.create(port);
    }

    @AfterAll
    static void cleanup() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Tier.class, names = {"EBPF_TRACEPOINT", "EBPF_FEXIT"})
    void processesInAnotherNamespaceAreCountedOnTheirPids(Tier tier) throws Exception {
        int hostPort = ThreadLocalRandom.current().nextInt(30_000, 40_000);
        PeerHost.Gen hostSink = net.run("sink", net.hostAddress, Integer.toString(hostPort));
        try (Watch w = Watch.start(tier)) {
            PeerHost.Gen receiver = net.runOnPeer("udp-recv", net.peerAddress, Integer.toString(port + 1), "3000");
            PeerHost.Gen tcp = net.runOnPeer("burst", net.hostAddress, Integer.toString(hostPort), "0", "100000000");
            PeerHost.Gen udp = net.run("udp", net.peerAddress, Integer.toString(port + 1), "2000000", "5", "connected");
            long sent = tcp.awaitDone(60);
            udp.awaitDone(30);
            long received = receiver.awaitDone(30);
            Snapshot last = w.settle();
            Watch.report(Watch.within(sent, Watch.traffic(last, tcp.pid()).upBytes(), 0.01, tier + " TCP sender in a namespace"));
            Watch.report(Watch.within(received, Watch.traffic(last, receiver.pid()).downBytes(), 0.01,
                    tier + " UDP receiver in a namespace"));
        } finally {
            hostSink.process().destroyForcibly();
        }
    }
}
