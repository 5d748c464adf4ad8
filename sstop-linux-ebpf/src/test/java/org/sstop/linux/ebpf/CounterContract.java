package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.CounterSample;
import org.sstop.testkit.Cgroups;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.KernelSockets;
import org.sstop.testkit.TestNetwork;

/**
 * What the counter must count, with real sockets and known bytes, over loopback and to a peer in
 * another network namespace; run once per attach path by its subclasses. Every figure is exact:
 * the bytes the sockets moved, charged to the process that moved them (this JVM, or a child with
 * a known pid) and to the socket (by the cookie the kernel gives for it).
 */
abstract class CounterContract {

    static final int BYTES = 1_000_000;
    static final int DATAGRAMS = 50;
    static final int DATAGRAM = 1200;

    EbpfTrafficCounter counter;

    /** The attach path under test. */
    abstract CounterSetup.Attach attach();

    @BeforeEach
    void open() throws Exception {
        counter = CounterContract.open(attach(), 4096, 4096);
        counter.drain(); // what others moved since the open
    }

    /** Opens a counter on a path, or skips (fails on CI) where this kernel cannot run that path. */
    static EbpfTrafficCounter open(CounterSetup.Attach attach, int procs, int socks) throws IOException {
        CiAssume.root();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF: " + Btf.VMLINUX);
        KernelLayout layout = KernelLayout.of(BtfReader.read(Btf.VMLINUX));
        if (attach == CounterSetup.Attach.FEXIT) {
            try (Bpf bpf = new Bpf()) {
                ErrnoException refusal = CounterPrograms.fexitRefusal(bpf, layout);
                CiAssume.kernelPermits(refusal == null, "it refuses every fexit program, even 'return 0': " + refusal);
            }
        } else {
            CiAssume.that(layout.hasTracepoints(), "needs the sock_send_length tracepoints (Linux 6.3+)");
        }
        return CounterSetup.open(attach, procs, socks);
    }

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close();
        }
    }

    @Test
    void closeLeavesNoProgramLinkOrMapBehind() throws Exception {
        Map<String, Integer> before = BpfObjects.ownFds();
        try (EbpfTrafficCounter second = CounterContract.open(attach(), 64, 64)) {
            Map<String, Integer> open = BpfObjects.ownFds();
            int points = second.programs().programFds().size();
            assertEquals(attach() == CounterSetup.Attach.FEXIT ? 4 : 5, points,
                    "four fexit functions, or the two counting tracepoints and the three of the read marks");
            assertEquals(before.getOrDefault("anon_inode:bpf-map", 0) + 4, open.get("anon_inode:bpf-map"));
            assertEquals(before.getOrDefault("anon_inode:bpf-prog", 0) + points, open.get("anon_inode:bpf-prog"));
            assertEquals(before.getOrDefault("anon_inode:bpf_link", 0) + points, open.get("anon_inode:bpf_link"));
            List<int[]> ids = new ArrayList<>();
            for (int fd : second.programs().programFds()) {
                ids.add(new int[] {BpfObjects.PROG_GET_FD_BY_ID, BpfObjects.id(fd)});
            }
            for (int fd : second.programs().linkFds()) {
                ids.add(new int[] {BpfObjects.LINK_GET_FD_BY_ID, BpfObjects.id(fd)});
            }
            for (BpfMap m : List.of(second.maps().procs(), second.maps().socks(), second.maps().unplaced(),
                    second.maps().marks())) {
                ids.add(new int[] {BpfObjects.MAP_GET_FD_BY_ID, BpfObjects.id(m.fd())});
            }
            second.close();
            assertEquals(before, BpfObjects.ownFds(), "every fd closed");
            // The kernel frees them after an RCU grace period: wait for that, at most 5 s.
            long deadline = System.nanoTime() + 5_000_000_000L;
            for (int[] id : ids) {
                while (BpfObjects.exists(id[0], id[1]) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(!BpfObjects.exists(id[0], id[1]), "object " + id[1] + " (command " + id[0] + ") is gone");
            }
        }
    }

    @Test
    void fullTablesPutBytesInUnplacedAndSaySo() throws Exception {
        counter.close();
        counter = CounterContract.open(attach(), 1, 1);
        try (com.sun.jna.Memory key = new com.sun.jna.Memory(16); com.sun.jna.Memory value = new com.sun.jna.Memory(CounterMaps.PROC_VALUE_SIZE)) {
            key.clear();
            key.setInt(0, Integer.MAX_VALUE); // no such process: the one slot stays taken
            value.clear();
            counter.maps().procs().update(key, value, Bpf.NOEXIST);
            key.setLong(0, -1); // no such cookie
            counter.maps().socks().update(key, value, Bpf.NOEXIST);
        } // no drain before the traffic: it would find that process gone and free the slot
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel c = SocketChannel.open(server.getLocalAddress()); SocketChannel a = server.accept()) {
            KernelSockets.writeFully(c, BYTES);
            KernelSockets.readFully(a, BYTES);
        }
        CounterSample s = counter.drain();
        assertEquals(Totals.loopback(0, 0), Totals.self(s), "no room for this process");
        // Every process on the machine lands there now: at least these bytes, as loopback.
        assertTrue(s.unplacedLoopbackUpBytes() >= BYTES && s.unplacedLoopbackDownBytes() >= BYTES, s.toString());
        assertTrue(s.unplacedUpBytes() < BYTES && s.unplacedDownBytes() < BYTES, "not as network traffic: " + s);
        String limits = String.join("\n", counter.limitations());
        assertTrue(limits.contains("process table full (1 processes)"), limits);
        assertTrue(limits.contains("socket table full (1 sockets)"), limits);
    }

    @Test
    void tcpOverLoopbackCountsBothEndsAsLoopbackAndEachSocket() throws Exception {
        tcpBothWays(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void tcpOverIpv6Loopback() throws Exception {
        tcpBothWays(InetAddress.getByName("::1"));
    }

    private void tcpBothWays(InetAddress loopback) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            KernelSockets.WithInode<SocketChannel> client = KernelSockets.withNewSocket(
                    () -> SocketChannel.open(server.getLocalAddress()));
            KernelSockets.WithInode<SocketChannel> accepted = KernelSockets.withNewSocket(server::accept);
            try (SocketChannel c = client.value(); SocketChannel a = accepted.value()) {
                long clientCookie = Cookies.of(client.inode());
                long acceptedCookie = Cookies.of(accepted.inode());
                KernelSockets.writeFully(c, BYTES);
                KernelSockets.readFully(a, BYTES);
                KernelSockets.writeFully(a, 300_000);
                KernelSockets.readFully(c, 300_000);
                CounterSample s = counter.drain();
                assertEquals(Totals.loopback(BYTES + 300_000, BYTES + 300_000), Totals.self(s), "both ends are this JVM");
                assertEquals(Totals.network(BYTES, 300_000), Totals.socket(s, clientCookie));
                assertEquals(Totals.network(300_000, BYTES), Totals.socket(s, acceptedCookie));
                assertEquals(0, counter.programs().missedRuns(), "the kernel ran the programs every time");
            }
        }
    }

    @Test
    void aProcessIsCountedWithItsCgroup() throws Exception {
        Path mount = Cgroups.v2Mount();
        CiAssume.that(mount != null, "needs a cgroup v2 hierarchy (cgroup2 in /proc/self/mounts)");
        Path cgroup = mount.resolve("sstop-ebpf-" + ThreadLocalRandom.current().nextInt(1 << 30) + ".scope");
        Files.createDirectory(cgroup);
        try {
            try (PeerProcess peer = PeerProcess.startInCgroup(cgroup, "tcp-source", "127.0.0.1", Integer.toString(BYTES))) {
                try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", peer.port()))) {
                    KernelSockets.readFully(c, BYTES);
                }
                assertEquals(BYTES, peer.done()); // it has exited
                CounterSample s = counter.drain();
                List<Long> cgroups = s.processes().stream().filter(p -> p.pid() == peer.pid)
                        .map(CounterSample.ProcessCount::cgroupId).toList();
                assertEquals(List.of(Cgroups.id(cgroup)), cgroups, "the peer, in the cgroup it ran in");
                long own = s.processes().stream().filter(p -> p.pid() == ProcessHandle.current().pid()).findFirst()
                        .orElseThrow().cgroupId();
                assertNotEquals(Cgroups.id(cgroup), own, "this JVM runs elsewhere");
                assertTrue(own != 0, "and its cgroup is known too");
            }
        } finally {
            Cgroups.remove(cgroup);
        }
    }

    @Test
    void tcpUploadToANamespacePeer() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED);
                PeerProcess peer = PeerProcess.start(net.far(), "tcp-sink", net.far().address())) {
            upload(net.far().address(), peer);
        }
    }

    @Test
    void tcpUploadToANamespacePeerOverIpv6() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.ADDRESSED);
                PeerProcess peer = PeerProcess.start(net.far(), "tcp-sink", net.far().address6())) {
            upload(net.far().address6(), peer);
        }
    }

    private void upload(String address, PeerProcess peer) throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(address), peer.port());
        KernelSockets.WithInode<SocketChannel> client = KernelSockets.withNewSocket(() -> SocketChannel.open(to));
        long cookie;
        try (SocketChannel c = client.value()) {
            cookie = Cookies.of(client.inode());
            KernelSockets.writeFully(c, BYTES);
        }
        assertEquals(BYTES, peer.done());
        CounterSample s = counter.drain();
        assertEquals(Totals.network(BYTES, 0), Totals.self(s), "another namespace is another host");
        assertEquals(Totals.network(0, BYTES), Totals.process(s, peer.pid));
        assertEquals(Totals.network(BYTES, 0), Totals.socket(s, cookie));
    }

    @Test
    void tcpDownloadFromANamespacePeer() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED);
                PeerProcess peer = PeerProcess.start(net.far(), "tcp-source", net.far().address(), Integer.toString(BYTES))) {
            InetSocketAddress from = new InetSocketAddress(InetAddress.getByName(net.far().address()), peer.port());
            KernelSockets.WithInode<SocketChannel> client = KernelSockets.withNewSocket(() -> SocketChannel.open(from));
            long cookie;
            try (SocketChannel c = client.value()) {
                cookie = Cookies.of(client.inode());
                KernelSockets.readFully(c, BYTES);
                assertEquals(-1, c.read(ByteBuffer.allocate(1)), "the peer sent exactly that");
            }
            assertEquals(BYTES, peer.done());
            CounterSample s = counter.drain();
            assertEquals(Totals.network(0, BYTES), Totals.self(s));
            assertEquals(Totals.network(BYTES, 0), Totals.process(s, peer.pid));
            assertEquals(Totals.network(0, BYTES), Totals.socket(s, cookie));
        }
    }

    @Test
    void connectedUdpToANamespacePeer() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED);
                PeerProcess peer = PeerProcess.start(net.far(), "udp-sink", net.far().address(),
                        Integer.toString(DATAGRAMS * DATAGRAM))) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(net.far().address()), peer.port());
            KernelSockets.WithInode<DatagramChannel> ch = KernelSockets.withNewSocket(() -> DatagramChannel.open().connect(to));
            long cookie;
            try (DatagramChannel c = ch.value()) {
                cookie = Cookies.of(ch.inode());
                for (int i = 0; i < DATAGRAMS; i++) {
                    c.write(ByteBuffer.allocate(DATAGRAM));
                    Thread.sleep(1); // the peer's receive buffer must not overflow
                }
            }
            assertEquals(DATAGRAMS * DATAGRAM, peer.done());
            CounterSample s = counter.drain();
            assertEquals(Totals.network(DATAGRAMS * DATAGRAM, 0), Totals.self(s));
            assertEquals(Totals.network(0, DATAGRAMS * DATAGRAM), Totals.process(s, peer.pid));
            assertEquals(Totals.network(DATAGRAMS * DATAGRAM, 0), Totals.socket(s, cookie));
        }
    }

    @Test
    void unconnectedSendtoByWhereTheSocketIsBound() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED);
                PeerProcess peer = PeerProcess.start(net.far(), "udp-sink", net.far().address(),
                        Integer.toString(DATAGRAMS * DATAGRAM));
                DatagramChannel loopSink = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress far = new InetSocketAddress(InetAddress.getByName(net.far().address()), peer.port());
            KernelSockets.WithInode<DatagramChannel> wild = KernelSockets.withNewSocket(DatagramChannel::open);
            KernelSockets.WithInode<DatagramChannel> bound = KernelSockets.withNewSocket(
                    () -> DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)));
            long wildCookie;
            long boundCookie;
            try (DatagramChannel w = wild.value(); DatagramChannel b = bound.value()) {
                wildCookie = Cookies.of(wild.inode());
                boundCookie = Cookies.of(bound.inode());
                ByteBuffer in = ByteBuffer.allocate(65536);
                for (int i = 0; i < DATAGRAMS; i++) {
                    w.send(ByteBuffer.allocate(DATAGRAM), far);
                    b.send(ByteBuffer.allocate(DATAGRAM), loopSink.getLocalAddress());
                    loopSink.receive(in.clear());
                    Thread.sleep(1);
                }
            }
            assertEquals(DATAGRAMS * DATAGRAM, peer.done());
            CounterSample s = counter.drain();
            long n = DATAGRAMS * DATAGRAM;
            assertEquals(new Totals(n, 0, n, n), Totals.self(s), "to the peer: network; bound to 127.0.0.1: loopback");
            assertEquals(Totals.network(n, 0), Totals.socket(s, wildCookie));
            assertEquals(Totals.network(n, 0), Totals.socket(s, boundCookie));
        }
    }

    @Test
    void aReceiveOnlyUdpServer() throws Exception {
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED)) {
            KernelSockets.WithInode<DatagramChannel> server = KernelSockets.withNewSocket(
                    () -> DatagramChannel.open().bind(new InetSocketAddress(0)));
            try (DatagramChannel ch = server.value();
                    PeerProcess peer = PeerProcess.start(net.far(), "udp-send", net.near().address(),
                            Integer.toString(((InetSocketAddress) ch.getLocalAddress()).getPort()),
                            Integer.toString(DATAGRAMS), Integer.toString(DATAGRAM))) {
                long cookie = Cookies.of(server.inode());
                ByteBuffer in = ByteBuffer.allocate(65536);
                long received = 0;
                while (received < DATAGRAMS * DATAGRAM) {
                    ch.receive(in.clear());
                    received += in.position();
                }
                assertEquals(DATAGRAMS * DATAGRAM, received);
                assertEquals(DATAGRAMS * DATAGRAM, peer.done());
                CounterSample s = counter.drain();
                assertEquals(Totals.network(0, DATAGRAMS * DATAGRAM), Totals.self(s));
                assertEquals(Totals.network(DATAGRAMS * DATAGRAM, 0), Totals.process(s, peer.pid));
                assertEquals(Totals.network(0, DATAGRAMS * DATAGRAM), Totals.socket(s, cookie));
            }
        }
    }

    @Test
    void aProcessThatExitsAtOnceIsReportedWithItsNameAndPid() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                PeerProcess child = PeerProcess.start("tcp-send", "127.0.0.1",
                        Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort()), Integer.toString(BYTES));
                SocketChannel a = server.accept()) {
            long start = Long.parseLong(child.expect("start"));
            KernelSockets.readFully(a, BYTES);
            assertEquals(BYTES, child.done()); // it has exited
            CounterSample s = counter.drain();
            CounterSample.ProcessCount p = KernelSockets.find(s.processes(), c -> c.pid() == child.pid);
            long cgroup = KernelSockets.find(s.processes(), c -> c.pid() == Totals.SELF).cgroupId();
            assertEquals(new CounterSample.ProcessCount(child.pid, start, Totals.SELF, 0, "java", 0, 0, BYTES, 0, cgroup), p,
                    "in its parent's cgroup");
            assertEquals(Totals.loopback(0, BYTES), Totals.self(s));
        }
    }

    @Test
    void drainsReturnDeltas() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            KernelSockets.WithInode<SocketChannel> client = KernelSockets.withNewSocket(
                    () -> SocketChannel.open(server.getLocalAddress()));
            try (SocketChannel c = client.value(); SocketChannel a = server.accept()) {
                long cookie = Cookies.of(client.inode());
                KernelSockets.writeFully(c, BYTES);
                KernelSockets.readFully(a, BYTES);
                assertEquals(Totals.network(BYTES, 0), Totals.socket(counter.drain(), cookie));
                CounterSample quiet = counter.drain();
                assertEquals(Totals.loopback(0, 0), Totals.self(quiet), "nothing moved");
                assertEquals(Totals.network(0, 0), Totals.socket(quiet, cookie));
                KernelSockets.writeFully(c, 7);
                KernelSockets.readFully(a, 7);
                CounterSample again = counter.drain();
                assertEquals(Totals.loopback(7, 7), Totals.self(again));
                assertEquals(Totals.network(7, 0), Totals.socket(again, cookie));
            }
        }
    }

    @Test
    void aQuietSocketsEntryGoesAndItCountsAgainFromZero() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            KernelSockets.WithInode<SocketChannel> client = KernelSockets.withNewSocket(
                    () -> SocketChannel.open(server.getLocalAddress()));
            try (SocketChannel c = client.value(); SocketChannel a = server.accept(); com.sun.jna.Memory key = new com.sun.jna.Memory(8);
                    com.sun.jna.Memory value = new com.sun.jna.Memory(16)) {
                long cookie = Cookies.of(client.inode());
                key.setLong(0, cookie);
                KernelSockets.writeFully(c, 1000);
                KernelSockets.readFully(a, 1000);
                long total = Totals.socket(counter.drain(), cookie).up();
                assertTrue(counter.maps().socks().lookup(key, value), "counted");
                for (int i = 0; i < EbpfTrafficCounter.QUIET_DRAINS; i++) {
                    total += Totals.socket(counter.drain(), cookie).up();
                }
                assertTrue(!counter.maps().socks().lookup(key, value), "deleted after " + EbpfTrafficCounter.QUIET_DRAINS + " quiet drains");
                KernelSockets.writeFully(c, 500);
                KernelSockets.readFully(a, 500);
                CounterSample s = counter.drain();
                assertEquals(Totals.network(500, 0), Totals.socket(s, cookie), "a new entry, counted from 0");
                assertEquals(1500, total + Totals.socket(s, cookie).up());
            }
        }
    }

    @Test
    void anExitedProcesssEntryGoesAfterItsLastBytesAreReported() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                PeerProcess child = PeerProcess.start("tcp-send", "127.0.0.1",
                        Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort()), "5000");
                SocketChannel a = server.accept()) {
            long start = Long.parseLong(child.expect("start"));
            KernelSockets.readFully(a, 5000);
            child.done();
            long total = 0;
            for (int i = 0; i < 3; i++) {
                total += Totals.process(counter.drain(), child.pid).loopUp();
            }
            assertEquals(5000, total, "reported once");
            int[] entries = {0};
            counter.maps().procs().forEach((k, ko, v, vo) -> entries[0] += k.getInt(ko) == child.pid ? 1 : 0);
            assertEquals(0, entries[0], "the entry of process " + child.pid + " (start " + start + ") is gone");
        }
    }
}
