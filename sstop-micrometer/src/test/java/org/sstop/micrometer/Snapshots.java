package org.sstop.micrometer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sstop.api.AbstractProvider;
import org.sstop.api.Availability;
import org.sstop.api.ContainerInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.BackendSelectionException;
import org.sstop.core.Coverage;
import org.sstop.core.InterfaceStats;
import org.sstop.core.NetMonitor;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.UnattributedReason;
import org.sstop.core.Visibility;

/** Synthetic snapshots, and a monitor that is never started, for the binder's unit tests. */
final class Snapshots {

    private Snapshots() {
    }

    /** A monitor over a socket source that lists nothing; the tests push their own snapshots. */
    static NetMonitor idleMonitor() throws BackendSelectionException {
        return NetMonitor.builder().providers(List.of(new EmptySockets())).build();
    }

    /** A running (or exited) process: the rate ranks it. */
    static ProcessStats process(int pid, long start, String name, double rate, long up, long down, boolean exited) {
        return process(pid, start, name, rate, up, down, exited, null);
    }

    static ProcessStats process(int pid, long start, String name, double rate, long up, long down, boolean exited,
            ContainerInfo container) {
        return new ProcessStats(pid, 1, name, "", "root", start, exited ? ProcessState.EXITED : ProcessState.RUNNING,
                exited ? Instant.EPOCH : null, new Traffic(exited ? 0 : rate, exited ? 0 : rate / 2, up, down), 3, 1,
                Trend.STABLE, RateHistory.EMPTY, List.of(), 0, container);
    }

    /** Sample {@code sequence} with these processes, fixed system figures and one interface. */
    static Snapshot snapshot(long sequence, List<ProcessStats> processes) {
        return new Snapshot(sequence, Instant.EPOCH, Duration.ofSeconds(1), Duration.ofSeconds(1), new BackendReport(List.of()),
                new Attribution(new Traffic(10, 20, 5000, 7000), new Traffic(0, 0, 300, 100),
                        Map.of(UnattributedReason.NO_PERMISSION, new Traffic(0, 0, 300, 100)),
                        new Traffic(0, 0, 40, 0), Map.of(UnattributedReason.SHORT_LIVED, new Traffic(0, 0, 40, 0))),
                Attribution.NONE, new Coverage(Coverage.Closure.NONE, new Coverage.Closure(12_000, 20_000, 6_600, 400)),
                processes, List.of(), List.of(), List.of(new InterfaceStats("eth0", new Traffic(5, 6, 11 * sequence, 22), false, true)),
                RateHistory.EMPTY, Trend.STABLE, new Visibility(List.of("not root"), 3, 4, 0, 0, 0), List.of());
    }

    private static final class EmptySockets extends AbstractProvider<SocketSource> implements SocketSourceProvider {
        EmptySockets() {
            super("test-empty", 1);
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public SocketSource open() throws IOException {
            return new SocketSource() {
                @Override
                public SocketSample sample() {
                    return SocketSample.of(List.of());
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
