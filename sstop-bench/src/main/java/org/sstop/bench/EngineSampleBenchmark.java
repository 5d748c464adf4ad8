package org.sstop.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.sstop.api.Availability;
import org.sstop.api.Backend;
import org.sstop.api.BackendProvider;
import org.sstop.api.Endpoint;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;
import org.sstop.api.IpAddress;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;
import org.sstop.api.SocketState;
import org.sstop.core.NetMonitor;
import org.sstop.core.Snapshot;
import org.sstop.core.TestClocks;

/**
 * One engine sample over 10,000 sockets owned by 500 processes, in steady state: the same sockets
 * with growing counters (of all processes, or of some while the others' stay idle), one second
 * of monitor time per sample. The socket lists are built
 * ahead of time so that only the engine (deltas, mapping cache, rates, history, aggregation,
 * snapshot) is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineSampleBenchmark {

    static final int SOCKETS = 10_000;
    static final int PROCESSES = 500;
    static final int HOSTS = 200;
    /** Pre-built rounds of counters; wrapping around exercises the counter-reset path once per cycle. */
    static final int ROUNDS = 32;

    /** Whether snapshots list each process's sockets (the terminal UI's setting; JSON output's is off). */
    @Param({"false", "true"})
    public boolean socketDetail;

    /**
     * How many of the 500 processes move bytes in every sample (all their sockets do; the others'
     * sockets stay idle): all of them, the worst case, or a tenth, as on a host where most
     * connections are idle. An idle process's and host's figures are the same objects as in the
     * sample before, so the snapshot allocates for the busy ones.
     */
    @Param({"500", "50"})
    public int busyProcesses;

    private NetMonitor monitor;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<List<SocketInfo>> rounds = new ArrayList<>(ROUNDS);
        Endpoint[] remotes = new Endpoint[HOSTS];
        for (int h = 0; h < HOSTS; h++) {
            remotes[h] = new Endpoint(IpAddress.ofV4(0x0a01_0000 | h), 443);
        }
        Endpoint[] locals = new Endpoint[SOCKETS];
        for (int i = 0; i < SOCKETS; i++) {
            locals[i] = new Endpoint(IpAddress.ofV4(0x0a00_0001), 10_000 + i);
        }
        long[] sent = new long[SOCKETS];
        long[] received = new long[SOCKETS];
        for (int r = 0; r < ROUNDS; r++) {
            List<SocketInfo> list = new ArrayList<>(SOCKETS);
            for (int i = 0; i < SOCKETS; i++) {
                if (i % PROCESSES < busyProcesses) {
                    sent[i] += 1000 + i;
                    received[i] += 3000 + i;
                }
                list.add(new SocketInfo(i + 1, Protocol.TCP, locals[i], remotes[i % HOSTS], SocketState.ESTABLISHED,
                        100_000 + i, 0, SocketInfo.UNKNOWN, sent[i], received[i]));
            }
            rounds.add(List.copyOf(list));
        }
        int[] owners = new int[SOCKETS]; // by inode - 100,000: a primitive table, as the procfs mapper's, so that no box is counted
        for (int i = 0; i < SOCKETS; i++) {
            owners[i] = 1000 + i % PROCESSES;
        }
        monitor = TestClocks.drive(NetMonitor.builder()
                .providers(List.of(new Sockets(rounds), new Mapper(owners), new Interfaces())), nanos::get, Clock.systemUTC())
                .socketDetail(socketDetail)
                .build();
        // baseline and first mapping
        monitor.sample();
        nanos.addAndGet(1_000_000_000L);
        monitor.sample();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public Snapshot sample() throws Exception {
        nanos.addAndGet(1_000_000_000L);
        return monitor.sample();
    }

    /** An in-memory provider: always available, priority 1; a subclass says what it opens. */
    abstract static class InMemory<T extends Backend> implements BackendProvider<T> {
        private final String name;

        InMemory(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }
    }

    static final class Sockets extends InMemory<SocketSource> implements SocketSourceProvider {
        private final List<List<SocketInfo>> rounds;

        Sockets(List<List<SocketInfo>> rounds) {
            super("bench-sockets");
            this.rounds = rounds;
        }

        @Override
        public SocketSource open() {
            return new SocketSource() {
                private int next;

                @Override
                public SocketSample sample() {
                    List<SocketInfo> s = rounds.get(next);
                    next = (next + 1) % rounds.size();
                    return new SocketSample(s, List.of(), 0);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static final class Mapper extends InMemory<ProcessMapper> implements ProcessMapperProvider {
        private final int[] owners;

        Mapper(int[] owners) {
            super("bench-mapper");
            this.owners = owners;
        }

        @Override
        public ProcessMapper open() {
            return new ProcessMapper() {
                @Override
                public int[] owners(List<SocketInfo> unmapped) {
                    int[] out = new int[unmapped.size()];
                    for (int i = 0; i < out.length; i++) {
                        long at = unmapped.get(i).ownerKey() - 100_000;
                        out[i] = at >= 0 && at < owners.length ? owners[(int) at] : 0;
                    }
                    return out;
                }

                @Override
                public Optional<ProcessInfo> describe(int pid) {
                    return Optional.of(new ProcessInfo(pid, 1, "proc" + pid, "proc" + pid + " --serve", 0, "root", pid, null, ""));
                }

                @Override
                public boolean isAlive(int pid, long startTime) {
                    return true;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static final class Interfaces extends InMemory<InterfaceSource> implements InterfaceSourceProvider {
        Interfaces() {
            super("bench-interfaces");
        }

        @Override
        public InterfaceSource open() {
            return new InterfaceSource() {
                private long n;

                @Override
                public List<InterfaceCounters> read() {
                    n += 1_000_000;
                    return List.of(new InterfaceCounters("eth0", n, n / 2, n / 1000, n / 2000, false, true),
                            new InterfaceCounters("lo", n / 10, n / 10, 1, 1, true, true));
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
