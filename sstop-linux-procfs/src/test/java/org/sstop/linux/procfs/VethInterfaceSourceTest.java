package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.InterfaceCounters;
import org.sstop.testkit.LinkEnd;
import org.sstop.testkit.TestNetwork;

/**
 * Interface counters of a veth pair between two network namespaces this test creates: A sends a
 * known number of UDP datagrams to B; A's transmit and B's receive counters must grow by exactly
 * those frames (payload + 8 UDP + 20 IP + 14 Ethernet bytes each), give or take ARP. Each side is
 * read through {@code /proc/<pid>/net/dev} of a process living in that namespace.
 */
class VethInterfaceSourceTest {

    private static final int COUNT = 50;
    private static final int SIZE = 1000;
    private static final int FRAME_OVERHEAD = 14 + 20 + 8;
    /** ARP request and reply frames; IPv6 is disabled in both namespaces so nothing else flows. */
    private static final int SLACK_BYTES = 500;
    private static final int SLACK_PACKETS = 4;

    private TestNetwork net;

    @BeforeEach
    void setUp() throws Exception {
        net = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.DISABLED);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (net != null) {
            net.close(); // also kills the anchor processes
        }
    }

    @Test
    void bothEndsCountTheFramesSent() throws Exception {
        LinkEnd a = net.near();
        LinkEnd b = net.far();
        ProcInterfaceSource statsA = statsOf(a);
        ProcInterfaceSource statsB = statsOf(b);
        InterfaceCounters a0 = find(statsA.read(), a.link());
        InterfaceCounters b0 = find(statsB.read(), b.link());
        assertFalse(a0.loopback());
        assertTrue(statsA.read().stream().noneMatch(c -> c.name().equals(b.link())), "A's view only");

        ProcessBuilder sender = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "org.sstop.linux.procfs.TestChild", "udp", b.address(), "9", Integer.toString(COUNT), Integer.toString(SIZE));
        sender.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        sender.redirectErrorStream(true);
        Process p = a.start(sender);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        InterfaceCounters a1 = find(statsA.read(), a.link());
        InterfaceCounters b1 = find(statsB.read(), b.link());
        long frames = (long) COUNT * (SIZE + FRAME_OVERHEAD);
        assertBetween(frames, frames + SLACK_BYTES, a1.txBytes() - a0.txBytes(), "A tx bytes");
        assertBetween(frames, frames + SLACK_BYTES, b1.rxBytes() - b0.rxBytes(), "B rx bytes");
        assertBetween(COUNT, COUNT + SLACK_PACKETS, a1.txPackets() - a0.txPackets(), "A tx packets");
        assertBetween(COUNT, COUNT + SLACK_PACKETS, b1.rxPackets() - b0.rxPackets(), "B rx packets");
        // what one end sent the other received: veth loses nothing
        assertEquals(a1.txBytes() - a0.txBytes(), b1.rxBytes() - b0.rxBytes());
        // the reverse direction carries only ARP replies and ICMP port-unreachable errors (rate limited)
        assertTrue(b1.txPackets() - b0.txPackets() <= COUNT + SLACK_PACKETS);
    }

    private static void assertBetween(long low, long high, long actual, String what) {
        assertTrue(actual >= low && actual <= high, what + ": " + actual + " not in [" + low + ", " + high + "]");
    }

    private static InterfaceCounters find(List<InterfaceCounters> list, String name) {
        return list.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + list));
    }

    /** Stats of an end's namespace, through a long-lived process in it ({@code ip netns exec} and sh exec in place). */
    private static ProcInterfaceSource statsOf(LinkEnd end) throws IOException {
        Process anchor = end.start("sh", "-c", "echo ready; exec sleep 300");
        // Until it prints, the process may not have entered the namespace yet.
        byte[] ready = anchor.getInputStream().readNBytes(6);
        assertEquals("ready\n", new String(ready, StandardCharsets.US_ASCII));
        return new ProcInterfaceSource(Path.of("/proc", Long.toString(anchor.pid())), Path.of("/sys/class/net"));
    }
}
