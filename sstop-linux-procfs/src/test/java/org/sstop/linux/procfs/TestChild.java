package org.sstop.linux.procfs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A child process for kernel tests.
 *
 * <ul>
 *   <li>{@code listen}: listens on a loopback TCP port, prints it, exits when stdin closes;
 *   <li>{@code udp HOST PORT COUNT SIZE}: sends COUNT datagrams of SIZE payload bytes (one, a
 *       pause for ARP, then the rest), prints "sent", exits.
 * </ul>
 */
public final class TestChild {

    private TestChild() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args[0].equals("listen")) {
            try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                System.out.println(server.getLocalPort());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
            }
        } else if (args[0].equals("udp")) {
            InetSocketAddress to = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
            int count = Integer.parseInt(args[3]);
            int size = Integer.parseInt(args[4]);
            try (DatagramChannel channel = DatagramChannel.open()) {
                for (int i = 0; i < count; i++) {
                    channel.send(ByteBuffer.allocate(size), to);
                    if (i == 0) {
                        Thread.sleep(300); // let ARP resolve before the burst
                    }
                }
            }
            OutputStream out = System.out;
            out.write("sent\n".getBytes());
            out.flush();
        } else {
            throw new IllegalArgumentException(args[0]);
        }
    }
}
