package org.sstop.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.bench.netlink.SyntheticDump;
import org.sstop.linux.netlink.SockDiagParser;

/**
 * Parsing one TCP sock_diag dump of 10,000 sockets with INET_DIAG_INFO, datagram by datagram as
 * the netlink source does, into a list of {@link SocketInfo}. Target: at most 2 ms per dump.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NetlinkParseBenchmark {

    private static final int SEQ = 42;

    /** Sockets in the dump. */
    @Param({"10000"})
    public int sockets;

    private final SockDiagParser parser = new SockDiagParser();
    private List<ByteBuffer> datagrams;
    private List<SocketInfo> out;

    /** Builds the dump bytes once. */
    @Setup(Level.Trial)
    public void setUp() {
        datagrams = SyntheticDump.datagrams(sockets, SEQ);
        out = new ArrayList<>(sockets + 16);
        if (parseDump().size() != sockets) {
            throw new IllegalStateException("synthetic dump does not parse to " + sockets + " sockets");
        }
    }

    /** Parses the whole dump; returns the sockets so that nothing is optimized away. */
    @Benchmark
    public List<SocketInfo> parseDump() {
        out.clear();
        for (ByteBuffer d : datagrams) {
            d.clear();
            SockDiagParser.Result r = parser.parseDump(d, Protocol.TCP, SEQ, out::add);
            if (r.status() != SockDiagParser.Status.MORE) {
                break;
            }
        }
        return out;
    }
}
