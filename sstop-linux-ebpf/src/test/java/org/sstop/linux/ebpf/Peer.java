package org.sstop.linux.ebpf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.sstop.testkit.KernelSockets;

/**
 * The far end of a counting test, run as a child JVM (in a network namespace, or not): a process
 * of its own, so that its bytes are charged to it and not to the test. Prints {@code pid N} and
 * {@code port N} when ready, {@code done N} (bytes moved) when finished; exits when done.
 *
 * <pre>
 * tcp-sink BIND              accept one connection, read to EOF
 * tcp-source BIND BYTES      accept one connection, write BYTES, close
 * udp-sink BIND BYTES        receive datagrams until BYTES arrived
 * udp-send HOST PORT N SIZE  send N datagrams of SIZE bytes (unconnected)
 * tcp-send HOST PORT BYTES   connect, write BYTES, exit at once
 * </pre>
 */
public final class Peer {

    private Peer() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws Exception when it fails (the exit status tells the test)
     */
    public static void main(String[] args) throws Exception {
        System.out.println("pid " + ProcessHandle.current().pid());
        switch (args[0]) {
            case "tcp-sink" -> {
                try (ServerSocketChannel server = listen(args[1]); SocketChannel c = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                    long total = 0;
                    for (int n; (n = c.read(b.clear())) >= 0;) {
                        total += n;
                    }
                    System.out.println("done " + total);
                }
            }
            case "tcp-source" -> {
                try (ServerSocketChannel server = listen(args[1]); SocketChannel c = server.accept()) {
                    KernelSockets.writeFully(c, Long.parseLong(args[2]));
                    c.shutdownOutput();
                    c.read(ByteBuffer.allocate(1)); // wait for the test's close, so that nothing is reset
                    System.out.println("done " + args[2]);
                }
            }
            case "udp-sink" -> {
                try (DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName(args[1]), 0))) {
                    System.out.println("port " + ((InetSocketAddress) ch.getLocalAddress()).getPort());
                    ByteBuffer b = ByteBuffer.allocate(65536);
                    long total = 0;
                    while (total < Long.parseLong(args[2])) {
                        ch.receive(b.clear());
                        total += b.position();
                    }
                    System.out.println("done " + total);
                }
            }
            case "udp-send" -> {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
                int n = Integer.parseInt(args[3]);
                int size = Integer.parseInt(args[4]);
                try (DatagramChannel ch = DatagramChannel.open()) {
                    for (int i = 0; i < n; i++) {
                        ch.send(ByteBuffer.allocate(size), to);
                        Thread.sleep(1); // no receive buffer overrun: every datagram must arrive
                    }
                }
                System.out.println("done " + (long) n * size);
            }
            case "tcp-send" -> {
                InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
                try (SocketChannel c = SocketChannel.open(to)) {
                    System.out.println("start " + ProcessExit.startTime(java.nio.file.Files.readString(
                            java.nio.file.Path.of("/proc/self/stat"))));
                    KernelSockets.writeFully(c, Long.parseLong(args[3]));
                }
                System.out.println("done " + args[3]);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static ServerSocketChannel listen(String bind) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
        System.out.println("port " + ((InetSocketAddress) server.getLocalAddress()).getPort());
        return server;
    }
}
