package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.InterfaceCounters;

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

    private final String tag = "sst-procmap-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final String nsA = tag + "a";
    private final String nsB = tag + "b";
    private final List<Process> anchors = new ArrayList<>();
    private boolean created;

    @BeforeEach
    void setUp() throws Exception {
        TestEnv.requireLinux();
        TestEnv.requireRoot();
        created = true;
        run("ip", "netns", "add", nsA);
        run("ip", "netns", "add", nsB);
        for (String ns : List.of(nsA, nsB)) {
            run("ip", "netns", "exec", ns, "sh", "-c",
                    "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6");
        }
        run("ip", "-n", nsA, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", nsB);
        run("ip", "-n", nsA, "addr", "add", "10.213.7.1/24", "dev", "va");
        run("ip", "-n", nsB, "addr", "add", "10.213.7.2/24", "dev", "vb");
        run("ip", "-n", nsA, "link", "set", "va", "up");
        run("ip", "-n", nsB, "link", "set", "vb", "up");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : anchors) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (created) {
            runQuietly("ip", "netns", "del", nsA);
            runQuietly("ip", "netns", "del", nsB);
        }
    }

    @Test
    void bothEndsCountTheFramesSent() throws Exception {
        ProcInterfaceSource statsA = statsOf(nsA);
        ProcInterfaceSource statsB = statsOf(nsB);
        InterfaceCounters a0 = find(statsA.read(), "va");
        InterfaceCounters b0 = find(statsB.read(), "vb");
        assertFalse(a0.loopback());
        assertTrue(statsA.read().stream().noneMatch(c -> c.name().equals("vb")), "A's view only");

        ProcessBuilder sender = new ProcessBuilder("ip", "netns", "exec", nsA,
                ProcessHandle.current().info().command().orElseThrow(),
                "org.sstop.linux.procfs.TestChild", "udp", "10.213.7.2", "9", Integer.toString(COUNT), Integer.toString(SIZE));
        sender.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        sender.redirectErrorStream(true);
        Process p = sender.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);

        InterfaceCounters a1 = find(statsA.read(), "va");
        InterfaceCounters b1 = find(statsB.read(), "vb");
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

    /** Stats of a namespace, through a long-lived process in it ({@code ip netns exec} and sh exec in place). */
    private ProcInterfaceSource statsOf(String ns) throws IOException {
        Process anchor = new ProcessBuilder("ip", "netns", "exec", ns, "sh", "-c", "echo ready; exec sleep 300")
                .redirectErrorStream(true).start();
        anchors.add(anchor);
        // Until it prints, the process may not have entered the namespace yet.
        byte[] ready = anchor.getInputStream().readNBytes(6);
        assertEquals("ready\n", new String(ready, StandardCharsets.US_ASCII));
        return new ProcInterfaceSource(Path.of("/proc", Long.toString(anchor.pid())), Path.of("/sys/class/net"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }

    private static void runQuietly(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort cleanup
        }
    }
}
