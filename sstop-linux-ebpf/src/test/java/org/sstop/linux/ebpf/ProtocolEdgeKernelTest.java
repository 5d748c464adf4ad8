package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.CounterSample;
import org.sstop.testkit.CiAssume;

/**
 * Sockets Java cannot open, moved by a Python child with known bytes: Multipath TCP (counted at
 * its own socket) and a read of a UDP socket's error queue (no payload moved).
 */
class ProtocolEdgeKernelTest {

    private EbpfTrafficCounter counter;

    @BeforeEach
    void open() throws Exception {
        CiAssume.onPath("python3");
        counter = CounterContract.open(CounterSetup.Attach.AUTO, 4096, 4096);
        counter.drain();
    }

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close();
        }
    }

    /** Runs a Python script that prints its pid, and returns the counts of that pid. */
    private Totals run(String script) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        CounterSample s = counter.drain();
        return Totals.process(s, Long.parseLong(out));
    }

    @Test
    void multipathTcpIsCountedOnceAtItsOwnSocket() throws Exception {
        Path enabled = Path.of("/proc/sys/net/mptcp/enabled");
        CiAssume.that(Files.isReadable(enabled) && Files.readString(enabled).strip().equals("1"),
                "needs Multipath TCP enabled (net.mptcp.enabled=1)");
        String script = String.join("\n",
                "import os, socket",
                "srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)",
                "srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)",
                "c.connect(srv.getsockname()); a, _ = srv.accept()",
                "c.sendall(b'x' * 1000000); c.shutdown(socket.SHUT_WR)",
                "n = 0",
                "while True:",
                "    b = a.recv(65536)",
                "    if not b: break",
                "    n += len(b)",
                "assert n == 1000000, n",
                "print(os.getpid())");
        assertEquals(Totals.loopback(1_000_000, 1_000_000), run(script), "sent once, received once, not per subflow");
    }

    @Test
    void readingTheErrorQueueMovesNoPayload() throws Exception {
        String script = String.join("\n",
                "import os, socket, time",
                "free = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); free.bind(('127.0.0.1', 0))",
                "port = free.getsockname()[1]; free.close()",
                "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "s.setsockopt(socket.SOL_IP, 11, 1)  # IP_RECVERR",
                "s.connect(('127.0.0.1', port)); s.send(b'y' * 1000)",
                "for _ in range(100):",
                "    try:",
                "        data, _, _, _ = s.recvmsg(4096, 1024, socket.MSG_ERRQUEUE | socket.MSG_DONTWAIT)",
                "        break",
                "    except BlockingIOError:",
                "        time.sleep(0.01)",
                "assert len(data) > 0, len(data)  # the quoted datagram (ICMP quotes at most 576 bytes)",
                "print(os.getpid())");
        assertEquals(Totals.loopback(1000, 0), run(script), "the datagram sent; the ICMP error read back is not payload");
    }
}
