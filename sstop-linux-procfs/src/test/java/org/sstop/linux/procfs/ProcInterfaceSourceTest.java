package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.testkit.TestNetwork;

class ProcInterfaceSourceTest {

    private static final String HEADER = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

    @TempDir
    Path dir;

    private static Map<String, InterfaceCounters> byName(List<InterfaceCounters> list) {
        return list.stream().collect(Collectors.toMap(InterfaceCounters::name, Function.identity()));
    }

    @Test
    void tagsLoopbackAndUpFromSysfs() throws IOException {
        Files.createDirectories(dir.resolve("proc/net"));
        Files.writeString(dir.resolve("proc/net/dev"), HEADER
                + "    lo: 100 2 0 0 0 0 0 0 100 2 0 0 0 0 0 0\n"
                + "  eth0: 300 4 0 0 0 0 0 0 500 6 0 0 0 0 0 0\n"
                + " mylo0: 7 1 0 0 0 0 0 0 7 1 0 0 0 0 0 0\n"
                + "  tun0: 9 1 0 0 0 0 0 0 9 1 0 0 0 0 0 0\n"
                + "  gone: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n"
                + "  junk: 1 x\n");
        sys("lo", "0x9", "772", "unknown");
        sys("eth0", "0x1003", "1", "up");
        sys("mylo0", "0x8", "1", "down"); // a loopback by flags, though not named lo
        sys("tun0", "0x1091", "65534", "unknown");
        Map<String, InterfaceCounters> got = byName(new ProcInterfaceSource(dir.resolve("proc"), dir.resolve("sys")).read());
        assertEquals(new InterfaceCounters("lo", 100, 100, 2, 2, true, true), got.get("lo"));
        assertEquals(new InterfaceCounters("eth0", 300, 500, 4, 6, false, true), got.get("eth0"));
        assertEquals(new InterfaceCounters("mylo0", 7, 7, 1, 1, true, false), got.get("mylo0"));
        assertEquals(new InterfaceCounters("tun0", 9, 9, 1, 1, false, true), got.get("tun0"));
        assertEquals(new InterfaceCounters("gone", 1, 1, 1, 1, false, true), got.get("gone"), "no sysfs: unknown is up");
        assertEquals(5, got.size(), "the malformed line is skipped");
    }

    @Test
    void fallsBackToTypeThenName() throws IOException {
        Files.createDirectories(dir.resolve("proc/net"));
        Files.writeString(dir.resolve("proc/net/dev"), HEADER
                + "    lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n"
                + "   lp0: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n");
        Files.createDirectories(dir.resolve("sys/lp0"));
        Files.writeString(dir.resolve("sys/lp0/type"), "772\n");
        Files.writeString(dir.resolve("sys/lp0/flags"), "garbage\n");
        Map<String, InterfaceCounters> got = byName(new ProcInterfaceSource(dir.resolve("proc"), dir.resolve("sys")).read());
        assertTrue(got.get("lo").loopback());
        assertTrue(got.get("lp0").loopback());
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThrows(IOException.class, () -> new ProcInterfaceSource(dir, dir).read());
    }

    private void sys(String name, String flags, String type, String operstate) throws IOException {
        Path d = Files.createDirectories(dir.resolve("sys").resolve(name));
        Files.writeString(d.resolve("flags"), flags + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("operstate"), operstate + "\n");
    }

    @Test
    void loopbackCountersGrowByAtLeastTheBytesSent() throws Exception {
        CiAssume.linux();
        ProcInterfaceSource stats = new ProcInterfaceSource(false);
        InterfaceCounters before = byName(stats.read()).get("lo");
        assertTrue(before.loopback());
        assertTrue(before.up());
        int size = 1 << 20;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(new byte[size]);
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "lo-writer");
            writer.start();
            InputStream in = accepted.getInputStream();
            assertEquals(size, in.readNBytes(size).length);
            writer.join();
        }
        InterfaceCounters after = byName(stats.read()).get("lo");
        // every loopback packet is counted once sent and once received; headers are included
        assertTrue(after.txBytes() - before.txBytes() >= size, "tx " + (after.txBytes() - before.txBytes()));
        assertTrue(after.rxBytes() - before.rxBytes() >= size, "rx " + (after.rxBytes() - before.rxBytes()));
        assertTrue(after.txPackets() - before.txPackets() >= size / 65536, "packets");
    }

    @Test
    void providerIsRegisteredAndAvailable() {
        List<String> names = java.util.ServiceLoader.load(org.sstop.api.InterfaceSourceProvider.class).stream()
                .map(p -> p.get().name()).toList();
        assertTrue(names.contains("linux-procfs"), names.toString());
        ProcInterfaceSourceProvider provider = new ProcInterfaceSourceProvider();
        assertEquals(100, provider.priority());
        if (Host.isLinux()) {
            assertTrue(provider.availability().available(), provider.availability().reason());
        } else {
            assertFalse(provider.availability().available());
            assertFalse(provider.availability().reason().isEmpty());
        }
    }

    @Test
    void interfacesOfAnotherNamespaceAreListedWithItAndCountItsTraffic() throws Exception {
        CiAssume.root();
        try (TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.DISABLED);
             InterfaceSource source = new ProcInterfaceSource(true)) {
            Process inside = net.far().start("sleep", "60");
            long netns = namespaceEntered(inside.pid());
            List<InterfaceCounters> before = source.read();
            InterfaceCounters farBefore = find(before, netns, net.far().link());
            InterfaceCounters nearBefore = find(before, 0, net.near().link());
            assertTrue(find(before, netns, "lo").loopback(), "the namespace's lo: " + before);
            int datagrams = 100;
            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] payload = new byte[1000];
                for (int i = 0; i < datagrams; i++) { // nobody listens: the far end still receives them
                    udp.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(net.far().address()), 9));
                }
            }
            List<InterfaceCounters> after = source.read();
            long received = find(after, netns, net.far().link()).rxBytes() - farBefore.rxBytes();
            long sent = find(after, 0, net.near().link()).txBytes() - nearBefore.txBytes();
            assertTrue(received >= datagrams * 1000L, "the far end (in its namespace) received " + received);
            assertTrue(sent >= datagrams * 1000L, "the near end (ours) sent " + sent);
            assertTrue(after.stream().noneMatch(c -> c.netns() == 0 && c.name().equals(net.far().link())),
                    "the far end is not taken for one of ours");
        }
    }

    /** The namespace a process started through {@code ip netns exec} is in, once it entered it. */
    private static long namespaceEntered(long pid) throws InterruptedException {
        long own = NetnsFinder.netnsOf(Path.of("/proc/self/ns/net"));
        for (int i = 0; i < 100; i++) {
            long netns = NetnsFinder.netnsOf(Path.of("/proc/" + pid + "/ns/net"));
            if (netns != 0 && netns != own) {
                return netns;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pid " + pid + " never entered its namespace");
    }

    private static InterfaceCounters find(List<InterfaceCounters> list, long netns, String name) {
        return list.stream().filter(c -> c.netns() == netns && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " of namespace " + netns + " not in " + list));
    }
}
