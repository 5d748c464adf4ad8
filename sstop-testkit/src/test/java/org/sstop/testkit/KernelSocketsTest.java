package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class KernelSocketsTest {

    @Test
    void aNewListenerIsFoundInEveryView() throws Exception {
        CiAssume.linux();
        var listener = KernelSockets.withNewSocket(() -> ServerSocketChannel.open(StandardProtocolFamily.INET));
        try (ServerSocketChannel ch = listener.value()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ch.socket().getLocalPort();
            long inode = listener.inode();
            assertTrue(inode > 0);
            assertTrue(KernelSockets.ownSocketInodes().contains(inode));
            assertEquals(inode, KernelSockets.listeningInode(port));
            assertTrue(KernelSockets.listedIn("tcp", inode));
            assertFalse(KernelSockets.listedIn("tcp6", inode), "an AF_INET socket");
            assertTrue(KernelSockets.allInodes().contains(inode));
        }
    }

    @Test
    void udpSocketsAreInTheUdpTable() throws Exception {
        CiAssume.linux();
        var udp = KernelSockets.withNewSocket(() -> DatagramChannel.open(StandardProtocolFamily.INET6));
        try (DatagramChannel ch = udp.value()) {
            ch.bind(new InetSocketAddress("::1", 0));
            assertTrue(KernelSockets.listedIn("udp6", udp.inode()));
            assertEquals(-1, KernelSockets.listeningInode(ch.socket().getLocalPort()), "not a TCP listener");
        }
    }

    @Test
    void creatingNoSocketFailsTheTest() {
        CiAssume.linux();
        assertThrows(AssertionFailedError.class, () -> KernelSockets.withNewSocket(() -> "no socket"));
    }

    @Test
    void transfersAreExactAndAShortStreamIsAnError() throws Exception {
        Pipe pipe = Pipe.open();
        int bytes = 200_001; // more than a pipe holds: the writer must block while the reader drains
        Thread writer = new Thread(() -> {
            try (Pipe.SinkChannel sink = pipe.sink()) {
                KernelSockets.writeFully(sink, bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "kernel-sockets-test-writer");
        writer.start();
        try (Pipe.SourceChannel source = pipe.source()) {
            KernelSockets.readFully(source, bytes);
            writer.join();
            assertEquals(-1, source.read(ByteBuffer.allocate(1)), "nothing more was written");
            IOException e = assertThrows(IOException.class, () -> KernelSockets.readFully(source, 1));
            assertTrue(e.getMessage().contains("1 bytes to go"), e.getMessage());
        }
    }

    @Test
    void awaitSamplesUntilTheMatchSettles() throws Exception {
        AtomicInteger samples = new AtomicInteger();
        Integer settled = KernelSockets.await(() -> List.of(-1, samples.incrementAndGet()), x -> x > 0, x -> x >= 3);
        assertEquals(3, settled);
        assertEquals(3, samples.get());
        assertNull(KernelSockets.find(List.of(1, 2), x -> x > 2));
    }
}
