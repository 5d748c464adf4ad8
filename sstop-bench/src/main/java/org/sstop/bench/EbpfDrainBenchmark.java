package org.sstop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sstop.api.CounterSample;
import org.sstop.linux.ebpf.EbpfBenchmarkSupport;

/**
 * The eBPF traffic counter (root, Linux with BTF; 6.3+ for the tracepoints):
 * <ul>
 *   <li>{@code drain}: one {@code drain()} with {@code processes} process entries and
 *       {@code sockets} socket entries in the kernel's tables, every one changed since the last
 *       drain (the worst case: a delta for each). Goal: at most 1 ms.</li>
 *   <li>{@code tcp64k} and {@code udp1200}: what the counting programs cost the traffic they
 *       count, run with nothing attached, with {@code return 0} attached and with the counter: one op writes 64 KiB to a loopback TCP
 *       socket and reads it from the other end (2 events or more), or sends a 1,200-byte datagram
 *       over loopback and receives it (2 events). The cost per event is the difference of the two
 *       runs over the events per op. Goal: at most 2 % of throughput.</li>
 * </ul>
 * Run: {@code java -jar sstop-bench/target/benchmarks.jar EbpfDrainBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EbpfDrainBenchmark {

    /** A counter whose tables are filled before every drain. */
    @State(Scope.Benchmark)
    public static class Tables {

        /** Process entries in the table. */
        @Param({"1000"})
        public int processes;

        /** Socket entries in the table. */
        @Param({"10000"})
        public int sockets;

        EbpfBenchmarkSupport support;
        long bytes;

        /** Opens the counter and fills the tables once. */
        @Setup(Level.Trial)
        public void open() throws IOException {
            support = EbpfBenchmarkSupport.open();
            support.fill(processes, sockets, ++bytes);
            support.counter().drain();
        }

        /** Changes every entry, so that the next drain has a delta for each. */
        @Setup(Level.Invocation)
        public void change() throws IOException {
            support.fill(processes, sockets, ++bytes);
        }

        /** Closes the counter. */
        @TearDown(Level.Trial)
        public void close() {
            support.close();
        }
    }

    /** How many counts a drain returned, to check that it saw every entry. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Returned {
        /** Process counts per drain. */
        public long processCounts;
        /** Socket counts per drain. */
        public long socketCounts;
    }

    /**
     * One drain of full, all-changed tables.
     *
     * @return the sample
     */
    @Benchmark
    public CounterSample drain(Tables t, Returned r) throws IOException {
        CounterSample s = t.support.counter().drain();
        r.processCounts += s.processes().size();
        r.socketCounts += s.sockets().size();
        return s;
    }

    /** Loopback sockets, with or without the counter attached. */
    @State(Scope.Benchmark)
    public static class Traffic {

        /**
         * What is attached: nothing ({@code off}), {@code return 0} on the same tracepoints
         * ({@code empty}: the kernel's cost of running any program there), or the counter.
         */
        @Param({"off", "empty", "counting"})
        public String attached;

        EbpfBenchmarkSupport support;
        AutoCloseable empty;
        ServerSocketChannel server;
        SocketChannel client;
        SocketChannel accepted;
        DatagramChannel sender;
        DatagramChannel receiver;
        final ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
        final ByteBuffer datagram = ByteBuffer.allocateDirect(1200);
        final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

        /** Connects the sockets and attaches the counter if asked. */
        @Setup(Level.Trial)
        public void open() throws IOException {
            if (attached.equals("counting")) {
                support = EbpfBenchmarkSupport.open();
            } else if (attached.equals("empty")) {
                empty = EbpfBenchmarkSupport.attachEmpty();
            }
            InetAddress lo = InetAddress.getLoopbackAddress();
            server = ServerSocketChannel.open().bind(new InetSocketAddress(lo, 0));
            client = SocketChannel.open(server.getLocalAddress());
            accepted = server.accept();
            receiver = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
            sender = DatagramChannel.open().connect(receiver.getLocalAddress());
        }

        /** Closes everything; drains the counter once so that its tables were in use. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            for (AutoCloseable c : new AutoCloseable[] {client, accepted, server, sender, receiver, empty}) {
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    // closing at the end of a trial
                }
            }
            if (support != null) {
                support.counter().drain();
                support.close();
            }
        }
    }

    /** Send and receive calls made, each an event the programs count: the cost per event is the time difference over these. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Calls {
        /** Send and receive system calls. */
        public long events;
    }

    /**
     * 64 KiB through a loopback TCP connection.
     *
     * @return bytes read
     */
    @Benchmark
    public long tcp64k(Traffic t, Calls calls) throws IOException {
        t.chunk.clear();
        while (t.chunk.hasRemaining()) {
            t.client.write(t.chunk);
            calls.events++;
        }
        long read = 0;
        while (read < t.chunk.capacity()) {
            read += t.accepted.read(t.in.clear());
            calls.events++;
        }
        return read;
    }

    /**
     * One 1,200-byte datagram through loopback UDP.
     *
     * @return bytes received
     */
    @Benchmark
    public int udp1200(Traffic t, Calls calls) throws IOException {
        t.sender.write(t.datagram.clear());
        t.receiver.receive(t.in.clear());
        calls.events += 2;
        return t.in.position();
    }
}
