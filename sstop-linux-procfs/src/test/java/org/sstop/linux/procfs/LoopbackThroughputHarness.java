package org.sstop.linux.procfs;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.sstop.api.FlowDelta;
import org.sstop.api.FlowSample;

/**
 * Manual measurement (not a unit test; run as root with the test class path): a loopback TCP
 * transfer as fast as it goes, drained every 100 ms as the engine would, then the counted payload
 * against what was sent, the ring drops, the capture thread's CPU time from
 * {@code /proc/self/task/<tid>/stat}, and the ring's size and resident memory before and after.
 *
 * <p>Usage: {@code java -cp ... org.sstop.linux.procfs.LoopbackThroughputHarness [bytes]}
 * (default 2,000,000,000).
 */
public final class LoopbackThroughputHarness {

    private LoopbackThroughputHarness() {
    }

    /** @param args optional byte count */
    public static void main(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000_000L;
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (PacketFlowCounter counter = new PacketFlowCounter(Path.of("/proc/net"), 1 << 16);
                ServerSocket ss = new ServerSocket(0, 1, lo)) {
            while (counter.captureThreadId() <= 0) {
                Thread.sleep(10);
            }
            int tid = counter.captureThreadId();
            System.out.printf("packet ring at idle: %,d KiB, %,d KiB resident%n", counter.ringBytes() >> 10,
                    PacketFlowCounterGrowthTest.ringResidentBytes() >> 10);
            long cpu0 = threadCpuTicks(tid);
            long onCpu0 = threadOnCpuNanos(tid);
            long retrans0 = retransmittedSegments();
            AtomicLong received = new AtomicLong();
            Thread server = new Thread(() -> {
                try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[1 << 20];
                    int r = 0;
                    while (received.get() < total && (r = in.read(buf)) > 0) {
                        received.addAndGet(r);
                    }
                    in.read(); // hold the connection open until the client closes
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, "harness-server");
            server.start();
            int serverPort = ss.getLocalPort();
            long counted = 0;
            long drops = 0;
            long seen = 0;
            long start = System.nanoTime();
            int clientPort;
            long wireSent;
            try (Socket c = new Socket(lo, serverPort); OutputStream out = c.getOutputStream()) {
                clientPort = c.getLocalPort();
                byte[] buf = new byte[1 << 20];
                long sent = 0;
                long nextDrain = System.nanoTime() + 100_000_000L;
                while (sent < total) {
                    int n = (int) Math.min(buf.length, total - sent);
                    out.write(buf, 0, n);
                    sent += n;
                    if (System.nanoTime() >= nextDrain) {
                        FlowSample s = counter.drain();
                        counted += bytes(s, clientPort, serverPort);
                        drops += s.packetsDropped();
                        seen += s.packetsSeen();
                        nextDrain += 100_000_000L;
                    }
                }
                out.flush();
                while (received.get() < total) {
                    Thread.sleep(1);
                }
                // Still established (the server has read everything but not closed): tcp_info is there.
                Thread.sleep(200);
                wireSent = TcpWireBytes.sent(clientPort, -1);
            }
            server.join();
            long elapsed = System.nanoTime() - start;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (counted < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
                FlowSample s = counter.drain();
                counted += bytes(s, clientPort, serverPort);
                drops += s.packetsDropped();
                seen += s.packetsSeen();
            }
            Thread.sleep(300);
            FlowSample s = counter.drain();
            counted += bytes(s, clientPort, serverPort);
            drops += s.packetsDropped();
            seen += s.packetsSeen();
            long cpu = threadCpuTicks(tid) - cpu0;
            long onCpuNanos = threadOnCpuNanos(tid) - onCpu0;
            double seconds = elapsed / 1e9;
            double cpuSeconds = cpu / 100.0; // USER_HZ
            System.out.printf("sent %,d B, received %,d B, counted %,d B (error %.5f %%)%n", total, received.get(), counted,
                    100.0 * (counted - total) / total);
            System.out.printf("client tcp_info bytes_sent (retransmissions included) %,d B, so %,d B retransmitted"
                    + " (not recounted)%n", wireSent, wireSent - total);
            System.out.printf("transfer %.2f s (%.0f MB/s), packets seen %,d, ring drops %d%n", seconds,
                    total / seconds / 1e6, seen, drops);
            System.out.printf("TCP segments retransmitted in this namespace meanwhile: %d%n",
                    retransmittedSegments() - retrans0);
            System.out.printf("packet ring after the transfer: %,d KiB, %,d KiB resident%n", counter.ringBytes() >> 10,
                    PacketFlowCounterGrowthTest.ringResidentBytes() >> 10);
            System.out.printf("capture thread CPU %.2f s (stat, 10 ms ticks); %.4f s on CPU (schedstat) = %.2f %% of one core"
                    + " over the transfer%n", cpuSeconds, onCpuNanos / 1e9, 100.0 * onCpuNanos / elapsed);
        }
    }

    private static long bytes(FlowSample s, int a, int b) {
        long sum = 0;
        for (FlowDelta d : s.flows()) {
            int lp = d.local().port();
            int rp = d.remote().port();
            if ((lp == a && rp == b) || (lp == b && rp == a)) {
                sum += lp == a ? d.bytesOut() : d.bytesIn();
            }
        }
        return sum;
    }

    /** TcpRetransSegs of /proc/net/snmp (the whole network namespace). */
    private static long retransmittedSegments() throws Exception {
        String[] header = null;
        for (String line : Files.readAllLines(Path.of("/proc/net/snmp"))) {
            if (line.startsWith("Tcp:")) {
                if (header == null) {
                    header = line.split(" ");
                } else {
                    String[] v = line.split(" ");
                    for (int i = 0; i < header.length; i++) {
                        if (header[i].equals("RetransSegs")) {
                            return Long.parseLong(v[i]);
                        }
                    }
                }
            }
        }
        return -1;
    }

    /** Nanoseconds the thread ran on a CPU ({@code /proc/self/task/<tid>/schedstat}, first field). */
    private static long threadOnCpuNanos(int tid) throws Exception {
        return Long.parseLong(Files.readString(Path.of("/proc/self/task/" + tid + "/schedstat")).split(" ")[0]);
    }

    /** utime + stime of one thread, in clock ticks. */
    private static long threadCpuTicks(int tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
