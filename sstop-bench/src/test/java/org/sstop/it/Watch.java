package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sstop.testkit.CiAssume;
import org.sstop.core.BackendReport;
import org.sstop.core.BackendSelectionException;
import org.sstop.core.NetMonitor;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;

/**
 * A monitor on one tier with the real backends, sampling every second, and the snapshots it
 * delivered (each with the monotonic time it arrived), plus the checks the accuracy tests share.
 */
final class Watch implements AutoCloseable {

    /** A snapshot and the monotonic time it arrived. */
    record Timed(long nanos, Snapshot snapshot) {
    }

    final Tier tier;
    final List<Timed> snaps = new CopyOnWriteArrayList<>();
    private final NetMonitor monitor;

    private Watch(Tier tier) throws Exception {
        this.tier = tier;
        NetMonitor.Builder b = tier.configure(NetMonitor.builder())
                .interval(Duration.ofSeconds(1))
                .listener(s -> snaps.add(new Timed(System.nanoTime(), s)));
        try {
            monitor = b.build();
        } catch (BackendSelectionException e) {
            // The backend says so only after the kernel refused a 'return 0' fexit program as well as its own.
            String why = String.valueOf(e.getMessage());
            CiAssume.kernelPermits(!(tier == Tier.EBPF_FEXIT && why.contains("refuses fexit programs")), why);
            throw e;
        }
        monitor.start();
    }

    /** Starts a monitor on {@code tier} and waits for its first snapshot. */
    static Watch start(Tier tier) throws Exception {
        Watch w = new Watch(tier);
        w.first();
        String counters = selected(w.latest().backends(), "counters");
        assertEquals(tier.exact() ? "linux-ebpf" : null, counters, tier + ": the traffic counter in use");
        return w;
    }

    private static String selected(BackendReport report, String service) {
        return report.services().stream().filter(s -> s.name().equals(service)).findFirst()
                .map(BackendReport.ServiceReport::selected).orElse(null);
    }

    /** The first snapshot (waiting up to 10 s for it). */
    Snapshot first() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snaps.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(!snaps.isEmpty(), tier + ": no snapshot within 10 s");
        return snaps.get(0).snapshot();
    }

    /** The latest snapshot. */
    Snapshot latest() {
        return snaps.get(snaps.size() - 1).snapshot();
    }

    /** Waits until three more samples have arrived, so the last bytes are in; returns the latest. */
    Snapshot settle() throws InterruptedException {
        int seen = snaps.size();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snaps.size() < seen + 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(snaps.size() >= seen + 3, tier + ": the monitor stopped sampling");
        return latest();
    }

    /** The process with this pid in a snapshot. */
    static Optional<ProcessStats> process(Snapshot s, long pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst();
    }

    /** The traffic of a pid in a snapshot, zero when it is not there. */
    static Traffic traffic(Snapshot s, long pid) {
        return process(s, pid).map(ProcessStats::traffic).orElse(Traffic.ZERO);
    }

    /** Asserts {@code actual} is within {@code fraction} of {@code expected}; returns the line to print. */
    static String within(double expected, double actual, double fraction, String what) {
        double error = Math.abs(actual - expected) / expected;
        String text = String.format("%s: expected %.0f, got %.0f (%+.3f%%)", what, expected, actual,
                (actual - expected) * 100 / expected);
        assertTrue(error <= fraction, text + ", more than " + fraction * 100 + "% off");
        return text;
    }

    /** Prints a measured figure the way the suite's log lines read. */
    static void report(String line) {
        System.out.println("[accuracy] " + line);
    }

    @Override
    public void close() {
        monitor.close();
        System.clearProperty(Tier.ATTACH_PROPERTY);
    }
}
