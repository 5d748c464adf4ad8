package org.sstop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;
import org.sstop.linux.procfs.ProcProcessMapper;

/**
 * The /proc process mapper on this machine's real processes, with {@code connections} extra
 * loopback TCP connections held open by the benchmark JVM (two sockets each).
 *
 * <ul>
 *   <li>{@code steadyState}: {@code owners()} over every mapped socket, none new: must read no
 *       {@code /proc/<pid>/fd} directory (the {@code fdDirsRead} counter reports it, and the
 *       iteration fails if it is not zero);
 *   <li>{@code fullScan}: what a fresh mapper pays to map one socket: list /proc and read every
 *       process's fd links.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcessMapBenchmark {

    /** Shared state: the open connections, a warmed-up mapper and the socket list. */
    @State(Scope.Benchmark)
    public static class Machine {

        /** Loopback TCP connections held open while measuring. */
        @Param({"1000"})
        public int connections;

        ServerSocket server;
        final List<Socket> sockets = new ArrayList<>();
        ProcProcessMapper mapper;
        List<SocketInfo> mapped;
        List<SocketInfo> unknown;

        /** Opens the connections and maps every socket once. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            server = new ServerSocket(0, connections, InetAddress.getLoopbackAddress());
            for (int i = 0; i < connections; i++) {
                sockets.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                sockets.add(server.accept());
            }
            List<SocketInfo> all = new ArrayList<>();
            for (long inode : socketInodes()) {
                all.add(socket(inode));
            }
            mapper = new ProcProcessMapper();
            int[] owners = mapper.owners(all);
            mapped = new ArrayList<>();
            for (int i = 0; i < owners.length; i++) {
                if (owners[i] > 0) {
                    mapped.add(all.get(i));
                }
            }
            if (mapped.size() < 2 * connections) {
                throw new IllegalStateException("only " + mapped.size() + " sockets mapped");
            }
            unknown = List.of(socket(Long.MAX_VALUE - 1)); // no such socket: a full scan finds nothing
        }

        /** Closes the connections and the mapper. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            mapper.close();
            for (Socket s : sockets) {
                s.close();
            }
            server.close();
        }
    }

    /** Reports, per iteration, how many fd directories the steady-state calls read. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FdReads {

        /** fd directories read during the iteration (must be 0 in steady state). */
        public long fdDirsRead;
    }

    /** A refresh with no new sockets: every inode is already cached. */
    @Benchmark
    public int[] steadyState(Machine machine, FdReads reads) throws IOException {
        long before = machine.mapper.fdDirsRead();
        int[] owners = machine.mapper.owners(machine.mapped);
        long read = machine.mapper.fdDirsRead() - before;
        if (read != 0) {
            throw new IllegalStateException("steady state read " + read + " fd directories");
        }
        reads.fdDirsRead += read;
        return owners;
    }

    /** A fresh mapper looking for one unknown socket: reads every process's fd directory. */
    @Benchmark
    public int[] fullScan(Machine machine) throws IOException {
        try (ProcProcessMapper fresh = new ProcProcessMapper()) {
            return fresh.owners(machine.unknown);
        }
    }

    private static SocketInfo socket(long inode) {
        Endpoint any = new Endpoint(IpAddress.ANY_V4, 0);
        return new SocketInfo(inode, Protocol.TCP, any, any, SocketState.ESTABLISHED, inode, SocketInfo.UNKNOWN,
                SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN);
    }

    /** Every socket inode of this network namespace, from /proc/net/{tcp,tcp6,udp,udp6}. */
    private static List<Long> socketInodes() throws IOException {
        List<Long> inodes = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 10 && !f[0].startsWith("sl") && !f[9].equals("0")) {
                    inodes.add(Long.parseLong(f[9]));
                }
            }
        }
        return inodes;
    }
}
