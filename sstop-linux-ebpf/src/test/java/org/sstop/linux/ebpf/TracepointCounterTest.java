package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.KernelSockets;

/** The counter's contract on the sock_send_length/sock_recv_length tracepoints, and the read marks of that path. */
class TracepointCounterTest extends CounterContract {

    @Override
    CounterSetup.Attach attach() {
        return CounterSetup.Attach.TRACEPOINTS;
    }

    @Test
    void thisKernelSeesSplicedReadsAndSendfileUploads() throws Exception {
        KernelLayout layout = KernelLayout.vmlinux();
        assertEquals(layout.attachId(AttachPoint.READ_TRACEPOINT) <= 0, counter.limitations().stream()
                .anyMatch(l -> l.contains("splice(2) (a splicing proxy)")), "said exactly where read marks are missing");
        assertEquals(layout.sendpage(), counter.limitations().stream().anyMatch(l -> l.contains("sendpage")),
                "said exactly where the kernel has tcp_sendpage: " + counter.limitations());
    }

    @Test
    void readMarksLiveAsLongAsTheirSockets() throws Exception {
        int connections = 200;
        int before = marks();
        List<SocketChannel> open = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < connections; i++) {
                SocketChannel c = SocketChannel.open(server.getLocalAddress());
                open.add(c);
                SocketChannel a = server.accept();
                open.add(a);
                KernelSockets.writeFully(c, 1000);
                KernelSockets.readFully(a, 1000);
            }
            assertEquals(Totals.loopback(connections * 1000L, connections * 1000L), Totals.self(counter.drain()));
            assertTrue(marks() - before >= 2 * connections, "a mark per connected end: " + (marks() - before));
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
        }
        // Freed: the client's ends at close (each waits in TIME_WAIT as a small socket of another
        // kind), the server's at the last ACK.
        long deadline = System.nanoTime() + 5_000_000_000L;
        int left = marks();
        while (left - before > 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = marks();
        }
        assertTrue(left - before <= 10, "marks of " + 2 * connections + " freed sockets left: " + (left - before));
    }

    private int marks() throws ErrnoException {
        return counter.maps().marks().forEach((k, ko, v, vo) -> { });
    }
}
