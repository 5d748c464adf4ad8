package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.testkit.TestNetwork;

/**
 * The source on the host lists the sockets of processes in other network namespaces, tagged with
 * their namespace: two namespaces whose processes use the very same 5-tuple over loopback, with
 * exact byte counts each; a namespace deleted while sampling.
 */
class NetlinkNamespacesKernelTest {

    /** In a namespace: a loopback connection 127.0.0.1:40000 -> 127.0.0.1:7000 moving argv[1] bytes up, then waits for stdin to close. */
    private static final String PAIR = String.join("\n",
            "import socket, sys",
            "n = int(sys.argv[1])",
            "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "l.bind(('127.0.0.1', 7000)); l.listen(1)",
            "c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "c.bind(('127.0.0.1', 40000)); c.connect(('127.0.0.1', 7000))",
            "s, _ = l.accept()",
            "c.sendall(b'x' * n)",
            "got = 0",
            "while got < n: got += len(s.recv(65536))",
            "print('ready', flush=True)",
            "sys.stdin.read()");

    private static final Endpoint CLIENT = new Endpoint(IpAddress.parse("127.0.0.1"), 40000);
    private static final Endpoint SERVER = new Endpoint(IpAddress.parse("127.0.0.1"), 7000);

    private static Process startPair(TestNetwork net, int bytes) throws Exception {
        Process p = net.near().start("python3", "-c", PAIR, Integer.toString(bytes));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine(), "the pair in " + net.near().namespace().orElseThrow() + " moved its bytes");
        return p;
    }

    private static long inode(TestNetwork net) throws Exception {
        return ((Number) Files.getAttribute(Path.of("/var/run/netns", net.near().namespace().orElseThrow()), "unix:ino")).longValue();
    }

    /** The client sockets 127.0.0.1:40000 -> :7000 the source lists, by namespace. */
    private static Map<Long, SocketInfo> clients(NetlinkSocketSource source) throws Exception {
        return source.sample().sockets().stream()
                .filter(s -> s.local().equals(CLIENT) && s.remote().equals(SERVER) && s.state() == SocketState.ESTABLISHED)
                .collect(Collectors.toMap(SocketInfo::netns, s -> s, (x, y) -> x));
    }

    @Test
    void identicalTuplesInTwoNamespacesAreListedApartWithExactBytes() throws Exception {
        CiAssume.that(Host.onPath("python3"), "needs python3 for the processes in the namespaces");
        try (TestNetwork a = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT);
                TestNetwork b = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT);
                NetlinkSocketSource source = NetlinkSocketSource.open(true, 1 << 20, true)) {
            Process pa = startPair(a, 100_000);
            Process pb = startPair(b, 300_001);
            long nsA = inode(a);
            long nsB = inode(b);
            assertNotEquals(nsA, nsB);
            Map<Long, SocketInfo> found = Map.of();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(found.containsKey(nsA) && found.containsKey(nsB)) && System.nanoTime() < deadline) {
                found = clients(source);
                Thread.sleep(100);
            }
            assertTrue(found.containsKey(nsA) && found.containsKey(nsB), "both namespaces' clients: " + found);
            assertEquals(100_000, found.get(nsA).bytesSent());
            assertEquals(300_001, found.get(nsB).bytesSent());
            assertNotEquals(found.get(nsA).cookie(), found.get(nsB).cookie());
            assertTrue(found.get(nsA).ownerKey() != 0, "the inode, by which a mapper finds the owner");
            assertTrue(source.namespaces().containsAll(List.of(nsA, nsB)), source.namespaces().toString());
            assertTrue(source.sample().sockets().stream().anyMatch(s -> s.netns() == nsA && s.state() == SocketState.LISTEN
                    && s.local().equals(SERVER)), "the listening socket of namespace A");
            assertTrue(source.limitations().isEmpty(), source.limitations().toString());

            // Namespace A's process exits and the namespace is deleted while sampling: no error, and
            // the source lets go of it (its sockets would keep it alive).
            pa.getOutputStream().close();
            assertTrue(pa.waitFor(10, TimeUnit.SECONDS));
            a.close();
            deadline = System.nanoTime() + 10_000_000_000L;
            while (source.namespaces().contains(nsA) && System.nanoTime() < deadline) {
                source.sample();
                Thread.sleep(200);
            }
            assertFalse(source.namespaces().contains(nsA), "namespace A is let go once no process lives in it");
            assertFalse(clients(source).containsKey(nsA));
            assertEquals(300_001, clients(source).get(nsB).bytesSent(), "namespace B goes on");
            pb.getOutputStream().close();
            assertTrue(pb.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeReleasesEveryNamespaceSocketAndTheThread() throws Exception {
        CiAssume.that(Host.onPath("python3"), "needs python3 for the processes in the namespaces");
        try (TestNetwork a = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT)) {
            Process pa = startPair(a, 10);
            long nsA = inode(a);
            long fdsBefore = openFds();
            NetlinkSocketSource source = NetlinkSocketSource.open(true, 1 << 20, true);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!source.namespaces().contains(nsA) && System.nanoTime() < deadline) {
                source.sample();
                Thread.sleep(100);
            }
            assertTrue(source.namespaces().contains(nsA));
            assertTrue(openFds() >= fdsBefore + 4, "own dump + destroy, and namespace A's");
            source.close();
            // Another thread of this JVM may hold a file open for a moment: what close() leaked stays.
            long fdsAfter = openFds();
            for (long end = System.nanoTime() + 2_000_000_000L; fdsAfter != fdsBefore && System.nanoTime() < end; ) {
                Thread.sleep(50);
                fdsAfter = openFds();
            }
            assertEquals(fdsBefore, fdsAfter, "every socket closed; open now: " + fdLinks());
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("sstop-netns")),
                    "the namespace thread is gone");
            pa.getOutputStream().close();
            pa.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void limitedToItsOwnNamespaceWhenAsked() throws Exception {
        CiAssume.that(Host.onPath("python3"), "needs python3 for the processes in the namespaces");
        try (TestNetwork a = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT);
                NetlinkSocketSource source = NetlinkSocketSource.open(true, 1 << 20, false)) {
            Process pa = startPair(a, 10);
            source.sample();
            Thread.sleep(1000);
            assertTrue(source.sample().sockets().stream().noneMatch(SocketInfo::inOtherNamespace));
            assertTrue(source.namespaces().isEmpty());
            pa.getOutputStream().close();
            pa.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> fdLinks() throws Exception {
        List<String> links = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                try {
                    links.add(fd.getFileName() + "->" + Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    links.add(fd.getFileName() + " (gone)");
                }
            }
        }
        return links;
    }

    private static long openFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** Like {@link #PAIR}, then per line of stdin: {@code send N} moves N more bytes, {@code listen P} opens a listener. */
    private static final String STEPS = String.join("\n",
            "import socket, sys",
            "l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "l.bind(('127.0.0.1', 7000)); l.listen(1)",
            "c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "c.bind(('127.0.0.1', 40000)); c.connect(('127.0.0.1', 7000))",
            "s, _ = l.accept()",
            "keep = []",
            "print('ready', flush=True)",
            "for line in sys.stdin:",
            "    word, arg = line.split()",
            "    if word == 'send':",
            "        n = int(arg); c.sendall(b'x' * n); got = 0",
            "        while got < n: got += len(s.recv(65536))",
            "    else:",
            "        k = socket.socket(); k.bind(('127.0.0.1', int(arg))); k.listen(1); keep.append(k)",
            "    print('done', flush=True)");

    /** The {@link #STEPS} process in a namespace, driven a line at a time. */
    private record Steps(Process process, BufferedReader out, java.io.Writer in) {
        static Steps start(TestNetwork net) throws Exception {
            Process p = net.near().start("python3", "-c", STEPS);
            Steps s = new Steps(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", s.out.readLine());
            return s;
        }

        void run(String step) throws Exception {
            in.write(step + "\n");
            in.flush();
            assertEquals("done", out.readLine());
        }

        void end() throws Exception {
            in.close();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }
    }

    private static SocketInfo clientOnceListed(NetlinkSocketSource source, long ns) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!clients(source).containsKey(ns) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return clients(source).get(ns);
    }

    private static boolean listening(NetlinkSocketSource source, long ns, int port) throws Exception {
        return source.sample().sockets().stream().anyMatch(x -> x.netns() == ns && x.state() == SocketState.LISTEN
                && x.local().port() == port);
    }

    @Test
    void aQuietNamespaceIsNotDumpedAgainYetEveryChangeIsSeenAtOnce() throws Exception {
        CiAssume.that(Host.onPath("python3"), "needs python3 for the processes in the namespaces");
        try (TestNetwork a = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT);
                NetlinkSocketSource source = NetlinkSocketSource.open(true, 1 << 20, true)) {
            Steps p = Steps.start(a);
            long ns = inode(a);
            clientOnceListed(source, ns);
            long skippedBefore = source.tcpDumpsSkipped();
            for (int i = 0; i < 3; i++) {
                assertEquals(0, clients(source).get(ns).bytesSent(), "quiet: listed from the last dump, unchanged");
            }
            assertTrue(source.tcpDumpsSkipped() > skippedBefore, "the quiet namespace's TCP dumps were left out");

            p.run("send 123457");
            assertEquals(123_457, clients(source).get(ns).bytesSent(), "bytes moved: dumped again at once, exact");

            p.run("listen 7001"); // no segment at all, only a socket more in use
            assertTrue(listening(source, ns, 7001), "a new listener is listed at once");
            p.end();
        }
    }

    @Test
    void withoutByteCountersMovingBytesAloneCostsNoDumpYetEveryNewSocketIsSeenAtOnce() throws Exception {
        CiAssume.that(Host.onPath("python3"), "needs python3 for the processes in the namespaces");
        try (TestNetwork a = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT);
                NetlinkSocketSource source = NetlinkSocketSource.open(true, 1 << 20, true)) {
            source.byteCountersWanted(false); // a kernel traffic counter counts the bytes
            Steps p = Steps.start(a);
            long ns = inode(a);
            assertFalse(clientOnceListed(source, ns).hasByteCounters(), "listed without INET_DIAG_INFO");
            clients(source);
            long skippedBefore = source.tcpDumpsSkipped(ns);
            p.run("send 123457");
            assertTrue(clients(source).containsKey(ns), "still listed");
            assertEquals(skippedBefore + 1, source.tcpDumpsSkipped(ns), "bytes moved, the same sockets: no dump");

            p.run("listen 7001");
            assertTrue(listening(source, ns, 7001), "a new listener is listed at once");

            source.byteCountersWanted(true);
            assertEquals(123_457, clients(source).get(ns).bytesSent(), "counters wanted again: dumped at once, exact");
            p.end();
        }
    }
}
