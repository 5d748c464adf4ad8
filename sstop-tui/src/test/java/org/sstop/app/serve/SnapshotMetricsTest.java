package org.sstop.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.api.IpAddress;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.UnattributedReason;
import org.sstop.core.Visibility;

/** Top N with a monotonic other, expiry, pid reuse, and the families a snapshot becomes. */
class SnapshotMetricsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration TOOK = Duration.ofMillis(12);

    /** A process: rate and totals as given (the rate ranks it). */
    static ProcessStats process(int pid, long start, String name, double rate, long up, long down, boolean exited) {
        return new ProcessStats(pid, 1, name, "", "root", start, exited ? ProcessState.EXITED : ProcessState.RUNNING,
                exited ? Instant.EPOCH : null, new Traffic(exited ? 0 : rate, 0, up, down), 3, 1, Trend.STABLE,
                RateHistory.EMPTY, List.of(), 0, null);
    }

    static Snapshot snapshot(List<ProcessStats> processes, List<HostStats> hosts) {
        return snapshot(processes, hosts, List.of(new InterfaceStats("eth0", new Traffic(0, 0, 11, 22), false, true)));
    }

    static Snapshot snapshot(List<ProcessStats> processes, List<HostStats> hosts, List<InterfaceStats> interfaces) {
        return new Snapshot(1, Instant.EPOCH, Duration.ofSeconds(1), Duration.ofSeconds(1), new BackendReport(List.of()),
                new Attribution(new Traffic(0, 0, 5000, 7000), new Traffic(0, 0, 300, 100),
                        Map.of(UnattributedReason.NO_PERMISSION, new Traffic(0, 0, 300, 100)), Traffic.ZERO, Map.of()),
                Attribution.NONE, new Coverage(Coverage.Closure.NONE, new Coverage.Closure(12_000, 20_000, 6_600, 0)),
                processes, hosts, List.of(), interfaces,
                RateHistory.EMPTY, Trend.STABLE, Visibility.FULL, List.of());
    }

    /** name{labels} → value, for every sample of every family. */
    static Map<String, Double> values(List<MetricFamily> families) {
        Map<String, Double> out = new HashMap<>();
        for (MetricFamily f : families) {
            for (MetricFamily.Sample s : f.samples()) {
                assertNull(out.put(f.name() + s.labels(), s.value()), "one sample per label set: " + f.name() + s.labels());
            }
        }
        return out;
    }

    private static String sent(int pid, String name) {
        return "sstop_process_sent_bytes" + List.of("pid", Integer.toString(pid), "name", name, "user", "root");
    }

    private static final String OTHER_SENT = "sstop_process_sent_bytes" + List.of("pid", "other");

    @Test
    void onlyTheTopNAreExposedTheRestIsOther() {
        SnapshotMetrics m = new SnapshotMetrics(2);
        Map<String, Double> v = values(m.update(snapshot(List.of(
                process(10, 1, "a", 300, 3000, 30, false),
                process(11, 1, "b", 200, 2000, 20, false),
                process(12, 1, "c", 100, 1000, 10, false),
                process(13, 1, "d", 50, 500, 5, false)), List.of()), TOOK, 0));
        assertEquals(3000.0, v.get(sent(10, "a")));
        assertEquals(2000.0, v.get(sent(11, "b")));
        assertNull(v.get(sent(12, "c")));
        assertEquals(1500.0, v.get(OTHER_SENT));
        assertEquals(15.0, v.get("sstop_process_received_bytes" + List.of("pid", "other")));
        assertEquals(6.0, v.get("sstop_process_connections" + List.of("pid", "other")), "the rest's gauges are summed");
        assertEquals(0.012, v.get("sstop_sample_duration_seconds[]"));
        assertEquals(300.0, v.get("sstop_unattributed_sent_bytes" + List.of("reason", "no_permission")));
        assertEquals(0.0, v.get("sstop_unattributed_sent_bytes" + List.of("reason", "short_lived")), "every reason, always");
        assertEquals(12_000 / 13_400.0, v.get("sstop_coverage_ratio[]"), 1e-9);
        assertEquals(22.0, v.get("sstop_interface_received_bytes" + List.of("interface", "eth0")));
        assertEquals(5000.0, v.get("sstop_sent_bytes[]"));
    }

    @Test
    void aProcessMovingIntoTheTopNKeepsEveryCounterMonotonicAndEachByteInOneSeries() {
        SnapshotMetrics m = new SnapshotMetrics(1);
        // a leads; then c overtakes: a stays exposed (it was in the top N within the retention),
        // c is exposed from now on with what it moves from now on; its past stays in other.
        Map<String, Double> v1 = values(m.update(snapshot(List.of(
                process(10, 1, "a", 300, 3000, 0, false), process(12, 1, "c", 100, 1000, 0, false)), List.of()), TOOK, 0));
        Map<String, Double> v2 = values(m.update(snapshot(List.of(
                process(12, 1, "c", 900, 1900, 0, false), process(10, 1, "a", 10, 3010, 0, false)), List.of()), TOOK, SECOND));
        assertEquals(1000.0, v1.get(OTHER_SENT));
        assertEquals(1000.0, v2.get(OTHER_SENT), "other never goes down");
        assertEquals(3010.0, v2.get(sent(10, "a")), "a stays exposed");
        assertEquals(900.0, v2.get(sent(12, "c")), "c counts from when it is exposed");
        assertEquals(3010.0 + 1900, v2.get(sent(10, "a")) + v2.get(sent(12, "c")) + v2.get(OTHER_SENT), "every byte once");
    }

    @Test
    void randomChurnNeverLetsACounterGoDownNorTheExposedSetGrowPastTheCap() {
        Random random = new Random(42);
        int top = 3;
        SnapshotMetrics m = new SnapshotMetrics(top);
        long[] up = new long[40];
        Map<String, Double> last = new HashMap<>();
        Set<String> everExposed = new HashSet<>();
        for (int sample = 0; sample < 600; sample++) {
            List<ProcessStats> ps = new ArrayList<>();
            for (int pid = 0; pid < up.length; pid++) {
                long inc = random.nextInt(10) < 2 ? random.nextInt(100_000) : 0;
                up[pid] += inc;
                ps.add(process(100 + pid, 7, "p" + pid, inc, up[pid], 0, false));
            }
            Map<String, Double> v = values(m.update(snapshot(ps, List.of()), TOOK, sample * SECOND / 10));
            int exposed = 0;
            double sum = 0;
            for (Map.Entry<String, Double> e : v.entrySet()) {
                if (!e.getKey().startsWith("sstop_process_sent_bytes")) {
                    continue;
                }
                Double before = last.get(e.getKey());
                assertTrue(before == null || e.getValue() >= before, e.getKey() + " went down at sample " + sample);
                exposed += e.getKey().equals(OTHER_SENT) ? 0 : 1;
                everExposed.add(e.getKey());
                sum += e.getValue();
                last.put(e.getKey(), e.getValue());
            }
            assertTrue(exposed <= 2 * top, "exposed " + exposed);
            long total = 0;
            for (long u : up) {
                total += u;
            }
            // No process exits here, so a series leaves only when its process returns: until then
            // its value is kept aside; every byte is in exactly one series.
            double retired = 0;
            for (Map.Entry<String, Double> e : last.entrySet()) {
                if (e.getKey().startsWith("sstop_process_sent_bytes") && !v.containsKey(e.getKey())) {
                    retired += e.getValue();
                }
            }
            assertEquals(total, sum + retired, 0.5, "sample " + sample);
        }
        assertTrue(everExposed.size() > 2 * top + 1, "the churn did rotate the exposed set: " + everExposed.size());
    }

    @Test
    void anExitedProcessKeepsItsSeriesForTheRetentionThenItIsForgotten() {
        SnapshotMetrics m = new SnapshotMetrics(1);
        m.update(snapshot(List.of(process(10, 1, "a", 300, 3000, 0, false)), List.of()), TOOK, 0);
        Map<String, Double> exited = values(m.update(snapshot(List.of(process(10, 1, "a", 0, 3100, 0, true)), List.of()),
                TOOK, SECOND));
        assertEquals(3100.0, exited.get(sent(10, "a")));
        long retention = SnapshotMetrics.RETENTION.toNanos();
        // Gone from the snapshot (the monitor keeps exited processes 30 s), still served.
        Map<String, Double> kept = values(m.update(snapshot(List.of(), List.of()), TOOK, retention - SECOND));
        assertEquals(3100.0, kept.get(sent(10, "a")));
        assertEquals(0.0, kept.get("sstop_process_connections" + List.of("pid", "10", "name", "a", "user", "root")));
        Map<String, Double> gone = values(m.update(snapshot(List.of(), List.of()), TOOK, retention + 1));
        assertNull(gone.get(sent(10, "a")));
        assertEquals(0.0, gone.get(OTHER_SENT), "its bytes do not move into other");
    }

    @Test
    void aReusedPidWithTheSameLabelsContinuesItsSeriesNeverTwoSamplesWithOneLabelSet() {
        SnapshotMetrics m = new SnapshotMetrics(5);
        m.update(snapshot(List.of(process(10, 1, "a", 300, 3000, 0, false)), List.of()), TOOK, 0);
        // Same pid, same name, another start time: the old one exited, the new one talks. One label
        // set is one series to Prometheus: it continues, with no counter reset.
        Map<String, Double> v = values(m.update(snapshot(List.of(
                process(10, 2, "a", 50, 40, 0, false), process(10, 1, "a", 0, 3000, 0, true)), List.of()), TOOK, SECOND));
        assertEquals(3040.0, v.get(sent(10, "a")));
        Map<String, Double> later = values(m.update(snapshot(List.of(process(10, 2, "a", 50, 90, 0, false)), List.of()),
                TOOK, 2 * SECOND));
        assertEquals(3090.0, later.get(sent(10, "a")), "the old process leaving takes nothing away");
    }

    @Test
    void processesWithTheChosenLabelsEqualShareOneSeriesThatNeverGoesDown() {
        SnapshotMetrics m = new SnapshotMetrics(5, ProcessLabel.parse("name, USER"));
        String nginx = "sstop_process_sent_bytes" + List.of("name", "nginx", "user", "root");
        Map<String, Double> v1 = values(m.update(snapshot(List.of(process(10, 1, "nginx", 5, 1000, 0, false),
                process(11, 1, "nginx", 5, 500, 0, false), process(12, 1, "sshd", 1, 7, 0, false)), List.of()), TOOK, 0));
        assertEquals(1500.0, v1.get(nginx), v1.toString());
        assertEquals(6.0, v1.get("sstop_process_connections" + List.of("name", "nginx", "user", "root")), "summed gauges");
        assertEquals(7.0, v1.get("sstop_process_sent_bytes" + List.of("name", "sshd", "user", "root")));
        // Worker 11 exits and is gone; worker 13 starts: the series only grows.
        Map<String, Double> v2 = values(m.update(snapshot(List.of(process(10, 1, "nginx", 5, 1200, 0, false),
                process(13, 1, "nginx", 5, 30, 0, false)), List.of()), TOOK, SECOND));
        assertEquals(1500.0 + 200 + 30, v2.get(nginx), v2.toString());
        assertFalse(v2.keySet().stream().anyMatch(k -> k.contains("pid")), "no pid label: " + v2.keySet());
    }

    @Test
    void theOtherSeriesIsNamedByTheFirstChosenLabelInTheDocumentedOrder() {
        SnapshotMetrics m = new SnapshotMetrics(1, ProcessLabel.parse("container,user"));
        ProcessStats other = new ProcessStats(11, 1, "b", "", "www", 1, ProcessState.RUNNING, null, new Traffic(1, 0, 100, 0),
                1, 0, Trend.STABLE, RateHistory.EMPTY, List.of(), 0, null);
        Map<String, Double> v = values(m.update(snapshot(List.of(process(10, 1, "a", 9, 900, 0, false), other), List.of()),
                TOOK, 0));
        assertEquals(100.0, v.get("sstop_process_sent_bytes" + List.of("user", "other")), v.toString());
        assertEquals(900.0, v.get("sstop_process_sent_bytes" + List.of("user", "root")), "no container: the label is left out");
    }

    @Test
    void aGroupsTotalIsForgottenAfterTheRetentionSoTheBookStaysBounded() {
        ProcessRollup rollup = new ProcessRollup(ProcessLabel.parse("pid"), 10 * SECOND);
        for (int i = 0; i < 100; i++) {
            rollup.update(List.of(process(1000 + i, 1, "short", 1, 10, 0, false)), i * SECOND);
        }
        assertEquals(11, rollup.groupsKept(), "one per pid seen within the last 10 s, plus the current one");
    }

    @Test
    void containerLabelOnlyWhenTheProcessHasOne() {
        SnapshotMetrics m = new SnapshotMetrics(5);
        ProcessStats inContainer = new ProcessStats(20, 1, "nginx", "", "www", 1, ProcessState.RUNNING, null,
                new Traffic(9, 0, 900, 0), 1, 0, Trend.STABLE, RateHistory.EMPTY, List.of(), 0,
                new ContainerInfo("docker", "3f0c" + "0".repeat(60), "web", null, null));
        Map<String, Double> v = values(m.update(snapshot(List.of(inContainer, process(21, 1, "sshd", 1, 5, 0, false)),
                List.of(new HostStats(IpAddress.parse("10.0.0.2"), null, new Traffic(3, 0, 30, 40), 2, List.of(20), Trend.STABLE,
                        RateHistory.EMPTY))), TOOK, 0));
        assertEquals(900.0, v.get("sstop_process_sent_bytes" + List.of("pid", "20", "name", "nginx", "user", "www", "container", "web")));
        assertNotNull(v.get(sent(21, "sshd")));
        assertEquals(40.0, v.get("sstop_host_received_bytes" + List.of("host", "10.0.0.2")));
        assertEquals(2.0, v.get("sstop_host_connections" + List.of("host", "10.0.0.2")));
        assertFalse(v.containsKey("sstop_host_sent_bytes" + List.of("host", "10.0.0.3")));
    }

    @Test
    void oneAddressSeenFromTwoNamespacesIsTwoHostSeries() {
        SnapshotMetrics m = new SnapshotMetrics(5);
        IpAddress a = IpAddress.parse("10.0.0.2");
        for (int i = 1; i <= 2; i++) {
            Map<String, Double> v = values(m.update(snapshot(List.of(), List.of(
                    new HostStats(a, null, new Traffic(3, 0, 30L * i, 0), 1, List.of(), Trend.STABLE, RateHistory.EMPTY),
                    new HostStats(a, null, new Traffic(9, 0, 1000L * i, 0), 1, List.of(), Trend.STABLE, RateHistory.EMPTY,
                            4026532248L))), TOOK, 0));
            assertEquals(30.0 * i, v.get("sstop_host_sent_bytes" + List.of("host", "10.0.0.2")), v.toString());
            assertEquals(1000.0 * i, v.get("sstop_host_sent_bytes" + List.of("host", "10.0.0.2", "netns", "4026532248")),
                    v.toString());
        }
    }

    @Test
    void aContainersEth0IsItsOwnInterfaceSeries() {
        SnapshotMetrics m = new SnapshotMetrics(5);
        Map<String, Double> v = values(m.update(snapshot(List.of(), List.of(), List.of(
                new InterfaceStats("eth0", new Traffic(0, 0, 11, 22), false, true),
                new InterfaceStats("eth0", new Traffic(0, 0, 500, 700), false, true, 4026532248L))), TOOK, 0));
        assertEquals(11.0, v.get("sstop_interface_sent_bytes" + List.of("interface", "eth0")), v.toString());
        assertEquals(500.0, v.get("sstop_interface_sent_bytes" + List.of("interface", "eth0", "netns", "4026532248")),
                v.toString());
    }

    @Test
    void unknownNamesAndUsersAreEmptyLabels() {
        SnapshotMetrics m = new SnapshotMetrics(5);
        ProcessStats nameless = new ProcessStats(30, 1, null, null, null, 1, ProcessState.RUNNING, null,
                new Traffic(9, 0, 90, 0), 1, 0, Trend.STABLE, RateHistory.EMPTY, List.of(), 0, null);
        Map<String, Double> v = values(m.update(snapshot(List.of(nameless), List.of()), TOOK, 0));
        assertEquals(90.0, v.get("sstop_process_sent_bytes" + List.of("pid", "30", "name", "", "user", "")));
    }
}
