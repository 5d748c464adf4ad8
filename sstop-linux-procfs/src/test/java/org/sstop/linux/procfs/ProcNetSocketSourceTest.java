package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSourceProvider;
import org.sstop.api.SocketState;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.testkit.TestNetwork;

/** The /proc/net source against the live kernel (own sockets) and a fixture directory. */
class ProcNetSocketSourceTest {

    @Test
    void seesItsOwnTcpAndUdpSockets() throws Exception {
        CiAssume.that(Host.isLinux(), "needs Linux /proc/net");
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket ss = new ServerSocket(0, 1, lo);
                Socket c = new Socket(lo, ss.getLocalPort());
                Socket s = ss.accept();
                DatagramChannel u = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                ProcNetSocketSource source = new ProcNetSocketSource(Path.of("/proc/net"))) {
            SocketSample sample = source.sample();
            List<SocketInfo> all = sample.sockets();
            IpAddress loop = IpAddress.parse("127.0.0.1");
            assertTrue(all.stream().anyMatch(x -> x.protocol() == Protocol.TCP && x.state() == SocketState.LISTEN
                    && x.local().port() == ss.getLocalPort() && x.local().address().equals(loop) && x.ownerKey() > 0));
            assertTrue(all.stream().anyMatch(x -> x.protocol() == Protocol.TCP && x.state() == SocketState.ESTABLISHED
                    && x.local().port() == c.getLocalPort() && x.remote().port() == ss.getLocalPort()
                    && x.cookie() == x.ownerKey() && x.ownerKey() > 0));
            int udpPort = ((InetSocketAddress) u.getLocalAddress()).getPort();
            assertTrue(all.stream().anyMatch(x -> x.protocol() == Protocol.UDP && x.state() == SocketState.UNCONNECTED
                    && x.local().port() == udpPort && x.bytesSent() == SocketInfo.UNKNOWN));
            assertEquals(0, source.malformedLines());
        }
    }

    @Test
    void fixtureDirectoryWithoutIpv6Files(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tcp"), "  sl  local_address rem_address   st\n"
                + "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1\n"
                + "   1: broken\n");
        Files.writeString(dir.resolve("udp"), "   sl  local_address\n");
        try (ProcNetSocketSource source = new ProcNetSocketSource(dir)) {
            assertEquals(1, source.sample().sockets().size());
            assertEquals(1, source.malformedLines());
            // A large file grows the reusable buffer.
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                big.append("   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 ")
                        .append(i + 1).append(" 1\n");
            }
            Files.writeString(dir.resolve("udp"), big);
            assertEquals(5_001, source.sample().sockets().size());
        }
    }

    @Test
    void missingIpv4FileIsAnError(@TempDir Path dir) {
        try (ProcNetSocketSource source = new ProcNetSocketSource(dir)) {
            assertThrows(IOException.class, source::sample);
        }
    }

    @Test
    void providersAreRegistered() {
        assertTrue(ServiceLoader.load(SocketSourceProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("linux-procfs") && p.get().priority() == 50));
        assertTrue(ServiceLoader.load(org.sstop.api.FlowCounterProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("linux-packet") && p.get().priority() == 100));
    }

    @Test
    void otherNamespacesAreListedFromAProcessInEachAndAGoneOneIsLeftOut(@TempDir Path dir) throws IOException {
        String listener = "  sl  local_address rem_address   st\n"
                + "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 %d 1\n";
        Path own = Files.createDirectories(dir.resolve("net"));
        Files.writeString(own.resolve("tcp"), String.format(listener, 100));
        Files.writeString(own.resolve("udp"), "");
        Path inside = Files.createDirectories(dir.resolve("proc/42/net"));
        Files.createDirectories(dir.resolve("proc/42/ns"));
        Files.createSymbolicLink(dir.resolve("proc/42/ns/net"), Path.of("net:[4026532999]"));
        Files.writeString(inside.resolve("tcp"), String.format(listener, 200));
        Files.writeString(inside.resolve("udp"), "");
        Files.createDirectories(dir.resolve("proc/43/ns")); // a namespace whose files are gone
        Files.createSymbolicLink(dir.resolve("proc/43/ns/net"), Path.of("net:[4026533000]"));
        try (ProcNetSocketSource source = new ProcNetSocketSource(own, dir.resolve("proc"),
                new NetnsFinder(dir.resolve("proc"), 4026531840L))) {
            List<SocketInfo> all = source.sample().sockets();
            assertEquals(2, all.size(), all.toString());
            assertEquals(0, all.get(0).netns());
            assertEquals(100, all.get(0).ownerKey());
            assertEquals(4026532999L, all.get(1).netns(), "tagged with its namespace");
            assertEquals(200, all.get(1).ownerKey());
            assertEquals(8080, all.get(1).local().port());
        }
    }

    @Test
    void aListenerInAnotherNamespaceIsListedWithItsNamespace() throws Exception {
        CiAssume.root();
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED)) {
            int port = 20_000 + (int) (ProcessHandle.current().pid() % 10_000);
            Process server = net.far().start("python3", "-c", "import socket, time\n"
                    + "s = socket.socket(); s.bind(('0.0.0.0', " + port + ")); s.listen(); time.sleep(60)");
            Path proc = Path.of("/proc");
            try (ProcNetSocketSource source = new ProcNetSocketSource(Path.of("/proc/net"), proc,
                    new NetnsFinder(proc, NetnsFinder.netnsOf(Path.of("/proc/self/ns/net"))))) {
                SocketInfo found = null;
                for (int i = 0; i < 100 && found == null; i++) { // until python listens (and has entered its namespace)
                    found = source.sample().sockets().stream()
                            .filter(x -> x.state() == SocketState.LISTEN && x.local().port() == port).findFirst().orElse(null);
                    Thread.sleep(50);
                }
                assertTrue(found != null, "the listener in the other namespace was never listed");
                assertEquals(NetnsFinder.netnsOf(Path.of("/proc/" + server.pid() + "/ns/net")), found.netns());
                assertTrue(found.inOtherNamespace());
            }
        }
    }
}
