package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;

/**
 * Processes in another network namespace, as in every container: the netlink tier lists their
 * sockets through sock_diag sockets opened inside it, and an exact (eBPF) tier counts their bytes
 * in the kernel. Their totals must be right on their pids.
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

    /**
     * Without eBPF: a process in another namespace uploading 5 MB/s for 20 s has its total within
     * 1 % and its steady rate within 3 %, its connection and remote host (seen from its namespace)
     * listed; a server in that namespace is in the listen view.
     */
    @Test
    void aProcessInAnotherNamespaceIsSeenByTheNetlinkTier() throws Exception {
        int hostPort = ThreadLocalRandom.current().nextInt(30_000, 40_000);
        int peerPort = ThreadLocalRandom.current().nextInt(40_000, 50_000);
        PeerHost.Gen hostSink = net.run("sink", net.hostAddress, Integer.toString(hostPort));
        PeerHost.Gen peerServer = net.runOnPeer("sink", net.peerAddress, Integer.toString(peerPort));
        long peerNetns = ((Number) Files.getAttribute(Path.of("/proc", Long.toString(peerServer.pid()), "ns/net"), "unix:ino"))
                .longValue();
        try (Watch w = Watch.start(Tier.NETLINK)) {
            long t0 = System.nanoTime();
            PeerHost.Gen upload = net.runOnPeer("upload", net.hostAddress, Integer.toString(hostPort), "5000000", "20");
            int steady = 0;
            double worst = 0;
            boolean listed = false;
            for (int i = 0; i < 40; i++) {
                Thread.sleep(1000);
                double at = (System.nanoTime() - t0) / 1e9;
                Snapshot s = w.latest();
                ProcessStats p = Watch.process(s, upload.pid()).orElse(null);
                if (p != null && p.connections() >= 1 && s.hosts().stream().anyMatch(h -> isHostSeenFrom(h, net.hostAddress, peerNetns,
                        upload.pid()))) {
                    listed = true;
                }
                if (p != null && at >= 12 && at <= 18) {
                    Watch.within(5_000_000, p.traffic().upRate(), 0.03, String.format("uploader in a namespace, rate at %.1f s", at));
                    worst = Math.max(worst, Math.abs(p.traffic().upRate() - 5_000_000) / 5_000_000);
                    steady++;
                }
                if (at > 18) {
                    break;
                }
            }
            long sent = upload.awaitDone(40);
            Snapshot last = w.settle();
            assertTrue(steady >= 4, "too few steady samples: " + steady);
            Watch.report(String.format("netlink uploader in a namespace rate: %d steady samples, worst %.2f%% off", steady, worst * 100));
            Watch.report(Watch.within(sent, Watch.traffic(last, upload.pid()).upBytes(), 0.01, "netlink uploader in a namespace"));
            assertTrue(listed, "its connection and the remote host seen from its namespace were listed");
            ProcessStats uploader = Watch.process(last, upload.pid()).orElseThrow();
            assertTrue(uploader.netns() == peerNetns, "the process's namespace: " + uploader.netns());
            ListenEntry server = last.listen().stream().filter(l -> l.pid() == peerServer.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("the server in the namespace is not in the listen view: " + last.listen()));
            assertTrue(server.netns() == peerNetns && server.local().port() == peerPort, server.toString());
        } finally {
            hostSink.process().destroyForcibly();
            peerServer.process().destroyForcibly();
        }
    }

    private static boolean isHostSeenFrom(HostStats h, String address, long netns, long pid) {
        return h.address().equals(IpAddress.parse(address)) && h.netns() == netns && h.pids().contains((int) pid);
    }

    /** In a namespace: waits for a line, then moves argv[1] bytes over 127.0.0.1:40000 -> :7000 (one process, both ends). */
    private static final String PAIR = String.join("\n",
            "import socket, sys",
            "n = int(sys.argv[1])",
            "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "l.bind(('127.0.0.1', 7000)); l.listen(1)",
            "c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "c.bind(('127.0.0.1', 40000)); c.connect(('127.0.0.1', 7000))",
            "s, _ = l.accept()",
            "print('ready', flush=True)",
            "sys.stdin.readline()",
            "import threading",
            "t = threading.Thread(target=lambda: c.sendall(b'x' * n)); t.start()",
            "got = 0",
            "while got < n: got += len(s.recv(65536))",
            "t.join()",
            "print('done', flush=True)",
            "sys.stdin.readline()");

    /** Two namespaces whose processes use the very same addresses and ports: each one's bytes on its own pid. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Tier.class, names = {"NETLINK", "EBPF_TRACEPOINT"})
    void identicalAddressesInTwoNamespacesKeepTheirBytesApart(Tier tier) throws Exception {
        try (org.sstop.testkit.TestNetwork a = org.sstop.testkit.TestNetwork.betweenNamespaces(org.sstop.testkit.TestNetwork.Ipv6.KERNEL_DEFAULT);
                org.sstop.testkit.TestNetwork b = org.sstop.testkit.TestNetwork.betweenNamespaces(org.sstop.testkit.TestNetwork.Ipv6.KERNEL_DEFAULT)) {
            Process pa = a.near().start("python3", "-c", PAIR, "3000001");
            Process pb = b.near().start("python3", "-c", PAIR, "7000003");
            try (Watch w = Watch.start(tier)) {
                for (Process p : java.util.List.of(pa, pb)) {
                    assertTrue("ready".equals(line(p)), "the pair is connected");
                }
                w.settle(); // both pairs' sockets are known before any byte moves
                for (Process p : java.util.List.of(pa, pb)) {
                    p.getOutputStream().write('\n');
                    p.getOutputStream().flush();
                    assertTrue("done".equals(line(p)), "the pair moved its bytes");
                }
                Snapshot last = w.settle();
                for (Object[] c : new Object[][] {{pa, 3_000_001L}, {pb, 7_000_003L}}) {
                    Process p = (Process) c[0];
                    long n = (Long) c[1];
                    org.sstop.core.Traffic t = Watch.traffic(last, p.pid());
                    Watch.report(Watch.within(n, t.upBytes(), 0.0, tier + " sender in namespace " + p.pid()));
                    Watch.report(Watch.within(n, t.downBytes(), 0.0, tier + " receiver in namespace " + p.pid()));
                }
            } finally {
                pa.destroyForcibly();
                pb.destroyForcibly();
            }
        }
    }

    private static String line(Process p) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int c; (c = p.getInputStream().read()) != -1 && c != '\n'; ) {
            b.append((char) c);
        }
        return b.toString();
    }
}
