package org.sstop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.Coverage;
import org.sstop.core.SocketStats;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.Visibility;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.Update;
import org.sstop.tui.term.ColorMode;
import org.sstop.tui.term.DiffWriter;
import org.sstop.tui.view.Names;
import org.sstop.tui.view.Screen;

/**
 * One TUI frame over a snapshot of 2,000 processes (3 sockets each, full 60 s histories) on a
 * 200x50 terminal: the update for the new snapshot (filter, sort, cursor relocation in every
 * view), the render to cells, and the diff against the previous frame; flat, and as a tree
 * (built and rolled up once per snapshot). Target: under 1 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    /** Processes in the snapshot. */
    @Param({"2000"})
    public int processes;

    /** The process table flat, or as a tree ({@code t}): every frame then builds and rolls up the tree. */
    @Param({"false", "true"})
    public boolean tree;

    private final Update update = new Update(1);
    private final DiffWriter writer = new DiffWriter(ColorMode.TRUECOLOR);
    private Snapshot[] snapshots;
    private UiState state;
    private CellBuffer previous;
    private int next;

    /** Builds two snapshots that differ in every rate, so each frame re-sorts and redraws. */
    @Setup
    public void setup() {
        snapshots = new Snapshot[] {snapshot(processes, 1), snapshot(processes, 2)};
        state = UiState.initial(Duration.ofSeconds(1), true, 200, 50, Instant.parse("2026-11-21T20:00:00Z"));
        state = update.apply(state, new Event.SnapshotArrived(snapshots[0])).state();
        if (tree) {
            state = update.apply(state, Event.Key.ch('t')).state();
        }
        previous = Screen.render(state, Names.NONE);
    }

    /** Update + render + diff of one frame in the process table. */
    @Benchmark
    public String processTableFrame() {
        next ^= 1;
        state = update.apply(state, new Event.SnapshotArrived(snapshots[next])).state();
        CellBuffer frame = Screen.render(state, Names.NONE);
        String out = writer.diff(previous, frame);
        previous = frame;
        return out;
    }

    /** Render only, from a fixed state. */
    @Benchmark
    public CellBuffer renderOnly() {
        return Screen.render(state, Names.NONE);
    }

    private static Snapshot snapshot(int n, int seed) {
        List<ProcessStats> ps = new ArrayList<>(n);
        long[] up = new long[60];
        long[] down = new long[60];
        for (int i = 0; i < 60; i++) {
            up[i] = (i * 37L * seed) % 5000;
            down[i] = (i * 91L * seed) % 9000;
        }
        RateHistory h = RateHistory.of(up, down);
        for (int i = 0; i < n; i++) {
            int pid = 1000 + i;
            List<SocketStats> socks = List.of(
                    conn(Protocol.TCP, 40000 + i % 20000, "93.184.216." + (i % 250), 443, SocketState.ESTABLISHED),
                    conn(Protocol.TCP, 8000 + i % 1000, "0.0.0.0", 0, SocketState.LISTEN),
                    conn(Protocol.UDP, 5353, "0.0.0.0", 0, SocketState.UNCONNECTED));
            double rate = ((i * 7919L * seed) % 100_000) * 10.0;
            // An 8-ary tree four levels deep under pid 1000 (the flat table ignores it).
            int ppid = i == 0 ? 1 : 1000 + (i - 1) / 8;
            ps.add(new ProcessStats(pid, ppid, "proc" + i, "/usr/bin/proc" + i + " --option value --more " + i, "user",
                    pid, i % 50 == 0 ? ProcessState.EXITED : ProcessState.RUNNING, null,
                    new Traffic(rate, rate * 2, (long) rate * 60, (long) rate * 120), 2, 1, Trend.STABLE, h, socks));
        }
        ps.sort((a, b) -> Double.compare(b.traffic().totalRate(), a.traffic().totalRate()));
        List<HostStats> hosts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            hosts.add(new HostStats(IpAddress.parse("93.184.216." + i), null, new Traffic(i, i, i, i), 8, List.of(1000 + i), Trend.STABLE, h));
        }
        List<ListenEntry> listen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            listen.add(new ListenEntry(Protocol.TCP, new Endpoint(IpAddress.ANY_V4, 8000 + i % 1000), 1000 + i, "proc" + i, "cmd"));
        }
        List<InterfaceStats> ifs = List.of(new InterfaceStats("eth0", new Traffic(1, 2, 3, 4), false, true),
                new InterfaceStats("lo", Traffic.ZERO, true, true));
        BackendReport report = new BackendReport(List.of(new BackendReport.ServiceReport("sockets", "linux-netlink", List.of())));
        return new Snapshot(seed, Instant.parse("2026-11-21T20:00:00Z"), Duration.ofSeconds(1), Duration.ofSeconds(1), report,
                new Attribution(new Traffic(1e6, 2e6, 1L << 30, 1L << 31), Traffic.ZERO, Map.of(), Traffic.ZERO, Map.of()),
                Attribution.NONE, Coverage.NONE, ps, hosts, listen, ifs, h, Trend.RISING, Visibility.FULL);
    }

    private static SocketStats conn(Protocol p, int lport, String remote, int rport, SocketState st) {
        return new SocketStats(p, new Endpoint(IpAddress.parse("10.0.0.2"), lport), new Endpoint(IpAddress.parse(remote), rport),
                st, Duration.ofSeconds(30), new Traffic(100, 200, 1000, 2000), false, true);
    }
}
