package org.sstop.app.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.sstop.api.IpAddress;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.UnattributedReason;
import org.sstop.core.export.LabelText;
import org.sstop.core.export.SeriesBook;

/**
 * Turns each snapshot into the metric families {@code /metrics} serves (the README lists them):
 * per process and per remote host the top N by traffic plus an {@code other} series, per
 * interface, the system's books (totals, unattributed and reattributed by reason, coverage,
 * visibility) and sstop's own sample duration. Confined to the sampling thread; what
 * {@link #update} returns is immutable.
 */
final class SnapshotMetrics {

    /** How long a series stays after its process (host) last was in the top N, or after an interface is gone. */
    static final Duration RETENTION = Duration.ofMinutes(5);
    /** The default of {@code --serve-top}. */
    static final int DEFAULT_TOP = 50;

    /** A remote address as seen from one network namespace (0: sstop's own): the same address from two is two hosts. */
    private record HostKey(long netns, IpAddress address) {
    }

    private final ProcessRollup rollup;
    private final SeriesBook<List<String>, ProcessRollup.Group> processes;
    /** The label of the process {@code other} series: the first chosen in pid, name, user… order. */
    private final String otherLabel;
    private final SeriesBook<HostKey, HostStats> hosts;
    private final SeriesBook<InterfaceKey, InterfaceStats> interfaces;
    private long samples;

    /**
     * Metrics for a top N, with the default labels.
     *
     * @param top how many processes and hosts are exposed by traffic each sample
     */
    SnapshotMetrics(int top) {
        this(top, ProcessLabel.DEFAULT);
    }

    /**
     * Metrics for a top N.
     *
     * @param top how many processes and hosts are exposed by traffic each sample; at most twice as
     *     many are exposed at once (those that left the top N recently)
     * @param labels the labels of a process series ({@code --serve-labels}); processes with equal
     *     labels share one series
     */
    SnapshotMetrics(int top, Set<ProcessLabel> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a process series needs a label");
        }
        long retention = RETENTION.toNanos();
        rollup = new ProcessRollup(labels, retention);
        otherLabel = EnumSet.copyOf(labels).iterator().next().labelName();
        processes = new SeriesBook<>(new ProcessReader(), top, 2 * top, retention);
        hosts = new SeriesBook<>(new HostReader(), top, 2 * top, retention);
        // Interfaces are few and the administrator's (node_exporter shows them all too): no top N.
        interfaces = new SeriesBook<>(new InterfaceReader(), Integer.MAX_VALUE, Integer.MAX_VALUE, retention);
    }

    /**
     * Folds a snapshot in.
     *
     * @param s the snapshot
     * @param sampleTook how long taking it took
     * @param nowNanos the monotonic time (for the retention)
     * @return the families to serve until the next sample
     */
    List<MetricFamily> update(Snapshot s, Duration sampleTook, long nowNanos) {
        samples++;
        List<MetricFamily> out = new ArrayList<>(32);
        processFamilies(processes.update(rollup.update(s.processes(), nowNanos), nowNanos), otherLabel, out);
        hostFamilies(hosts.update(s.hosts(), nowNanos), out);
        SeriesBook.View<InterfaceStats> ifs = interfaces.update(s.interfaces(), nowNanos);
        out.add(counter("sstop_interface_sent_bytes", "bytes", "Bytes the interface transmitted, headers included.",
                ifs, SeriesBook.Series::up, null, 0));
        out.add(counter("sstop_interface_received_bytes", "bytes", "Bytes the interface received, headers included.",
                ifs, SeriesBook.Series::down, null, 0));
        systemFamilies(s, out);
        out.add(gauge("sstop_sample_duration_seconds", "seconds", "How long sstop's last sample took.",
                sampleTook.toNanos() / 1e9));
        out.add(new MetricFamily("sstop_samples", MetricFamily.Type.COUNTER, "", "Samples sstop exported.",
                List.of(new MetricFamily.Sample(List.of(), samples))));
        return List.copyOf(out);
    }

    private static void processFamilies(SeriesBook.View<ProcessRollup.Group> v, String otherLabel, List<MetricFamily> out) {
        List<String> other = List.of(otherLabel, "other");
        out.add(counter("sstop_process_sent_bytes", "bytes", "Payload bytes the process sent (top N by traffic; "
                + otherLabel + "=\"other\": the rest).", v, SeriesBook.Series::up, other, v.otherUp()));
        out.add(counter("sstop_process_received_bytes", "bytes", "Payload bytes the process received (top N by traffic; "
                + otherLabel + "=\"other\": the rest).", v, SeriesBook.Series::down, other, v.otherDown()));
        out.add(gauges("sstop_process_connections", "Open connections (sockets not listening) of the process.",
                v, other, p -> p.connections()));
        out.add(gauges("sstop_process_listening_sockets", "Listening (or bound unconnected UDP) sockets of the process.",
                v, other, p -> p.listening()));
    }

    private static void hostFamilies(SeriesBook.View<HostStats> v, List<MetricFamily> out) {
        List<String> other = List.of("host", "other");
        out.add(counter("sstop_host_sent_bytes", "bytes", "Payload bytes sent to the remote address (top N by traffic; host=\"other\": the rest).",
                v, SeriesBook.Series::up, other, v.otherUp()));
        out.add(counter("sstop_host_received_bytes", "bytes", "Payload bytes received from the remote address (top N by traffic; host=\"other\": the rest).",
                v, SeriesBook.Series::down, other, v.otherDown()));
        out.add(gauges("sstop_host_connections", "Open connections to the remote address.", v, other, h -> h.connections()));
    }

    private static void systemFamilies(Snapshot s, List<MetricFamily> out) {
        Traffic totals = s.totals();
        out.add(scalarCounter("sstop_sent_bytes", "Payload bytes sent by the host, attributed or not (loopback excluded).", totals.upBytes()));
        out.add(scalarCounter("sstop_received_bytes", "Payload bytes received by the host, attributed or not (loopback excluded).",
                totals.downBytes()));
        out.add(byReason("sstop_unattributed_sent_bytes", "Payload bytes sent that no process could be charged for, by reason.",
                s, true, true));
        out.add(byReason("sstop_unattributed_received_bytes", "Payload bytes received that no process could be charged for, by reason.",
                s, true, false));
        out.add(byReason("sstop_reattributed_sent_bytes", "Unattributed bytes sent, later charged to the process found late, by reason.",
                s, false, true));
        out.add(byReason("sstop_reattributed_received_bytes", "Unattributed bytes received, later charged to the process found late, by reason.",
                s, false, false));
        Coverage.Closure c = s.coverage().total();
        out.add(scalarCounter("sstop_coverage_payload_bytes", "Payload sstop counted leaving or entering the host (coverage numerator).",
                c.payloadBytes()));
        out.add(scalarCounter("sstop_coverage_interface_bytes", "Bytes the non-loopback interfaces counted, headers included.",
                c.interfaceBytes()));
        out.add(scalarCounter("sstop_coverage_estimated_header_bytes", "Estimated header bytes in the interface bytes.",
                c.estimatedHeaderBytes()));
        out.add(scalarCounter("sstop_coverage_forwarded_bytes", "Payload seen passing through the host (forwarded).",
                c.forwardedBytes()));
        out.add(gauge("sstop_coverage_ratio", "", "Counted payload per byte of interface payload since start (NaN: none yet).",
                c.ratio()));
        out.add(gauge("sstop_visibility_limited", "", "1 when something limits what sstop sees (see --json visibility).",
                s.visibility().limited() ? 1 : 0));
        out.add(new MetricFamily("sstop_capture_dropped_packets", MetricFamily.Type.COUNTER, "",
                "Packets the packet counter's capture dropped.",
                List.of(new MetricFamily.Sample(List.of(), s.visibility().captureDrops()))));
        out.add(new MetricFamily("sstop_close_notifications_lost", MetricFamily.Type.COUNTER, "",
                "Socket close notifications lost (their last bytes are missing).",
                List.of(new MetricFamily.Sample(List.of(), s.visibility().closedEventsLost()))));
    }

    /** Every reason, also those without bytes yet, so that the set of series stays the same. */
    private static MetricFamily byReason(String name, String help, Snapshot s, boolean unattributed, boolean up) {
        List<MetricFamily.Sample> samples = new ArrayList<>();
        for (UnattributedReason r : UnattributedReason.values()) {
            Traffic t = (unattributed ? s.external().unattributedByReason() : s.external().reattributedByReason())
                    .getOrDefault(r, Traffic.ZERO);
            samples.add(new MetricFamily.Sample(List.of("reason", r.label()), up ? t.upBytes() : t.downBytes()));
        }
        return new MetricFamily(name, MetricFamily.Type.COUNTER, "bytes", help, samples);
    }

    private static <T> MetricFamily counter(String name, String unit, String help, SeriesBook.View<T> v,
            ToDoubleFunction<SeriesBook.Series<T>> value, List<String> otherLabels, long other) {
        List<MetricFamily.Sample> samples = new ArrayList<>(v.series().size() + 1);
        for (SeriesBook.Series<T> series : v.series()) {
            samples.add(new MetricFamily.Sample(series.labels(), value.applyAsDouble(series)));
        }
        if (otherLabels != null) {
            samples.add(new MetricFamily.Sample(otherLabels, other));
        }
        return new MetricFamily(name, MetricFamily.Type.COUNTER, unit, help, samples);
    }

    private static <T> MetricFamily gauges(String name, String help, SeriesBook.View<T> v, List<String> otherLabels,
            ToDoubleFunction<T> value) {
        List<MetricFamily.Sample> samples = new ArrayList<>(v.series().size() + 1);
        for (SeriesBook.Series<T> series : v.series()) {
            samples.add(new MetricFamily.Sample(series.labels(), series.latest() == null ? 0 : value.applyAsDouble(series.latest())));
        }
        double other = 0;
        for (T t : v.otherThings()) {
            other += value.applyAsDouble(t);
        }
        samples.add(new MetricFamily.Sample(otherLabels, other));
        return new MetricFamily(name, MetricFamily.Type.GAUGE, "", help, samples);
    }

    private static MetricFamily scalarCounter(String name, String help, long value) {
        return new MetricFamily(name, MetricFamily.Type.COUNTER, "bytes", help, List.of(new MetricFamily.Sample(List.of(), value)));
    }

    private static MetricFamily gauge(String name, String unit, String help, double value) {
        return new MetricFamily(name, MetricFamily.Type.GAUGE, unit, help, List.of(new MetricFamily.Sample(List.of(), value)));
    }

    /** Processes are read through their label set's group: one group, one series. */
    private static final class ProcessReader implements SeriesBook.Reader<List<String>, ProcessRollup.Group> {
        @Override
        public List<String> key(ProcessRollup.Group g) {
            return g.labels();
        }

        @Override
        public List<String> labels(ProcessRollup.Group g) {
            return g.labels();
        }

        @Override
        public Traffic traffic(ProcessRollup.Group g) {
            return g.traffic();
        }

        @Override
        public boolean eligible(ProcessRollup.Group g) {
            return g.running();
        }
    }

    private static final class HostReader implements SeriesBook.Reader<HostKey, HostStats> {
        @Override
        public HostKey key(HostStats h) {
            return new HostKey(h.netns(), h.address());
        }

        @Override
        public List<String> labels(HostStats h) {
            return h.netns() == 0
                    ? List.of("host", h.address().toString())
                    : List.of("host", h.address().toString(), "netns", Long.toString(h.netns()));
        }

        @Override
        public Traffic traffic(HostStats h) {
            return h.traffic();
        }

        @Override
        public boolean eligible(HostStats h) {
            return true;
        }
    }

    /** An interface is known by its namespace and name: {@code eth0} is in every container. */
    private record InterfaceKey(long netns, String name) {
    }

    private static final class InterfaceReader implements SeriesBook.Reader<InterfaceKey, InterfaceStats> {
        @Override
        public InterfaceKey key(InterfaceStats i) {
            return new InterfaceKey(i.netns(), i.name());
        }

        @Override
        public List<String> labels(InterfaceStats i) {
            return i.netns() == 0
                    ? List.of("interface", LabelText.of(i.name()))
                    : List.of("interface", LabelText.of(i.name()), "netns", Long.toString(i.netns()));
        }

        @Override
        public Traffic traffic(InterfaceStats i) {
            return i.traffic();
        }

        @Override
        public double activity(InterfaceStats i) {
            return i.traffic().totalRate();
        }

        @Override
        public boolean eligible(InterfaceStats i) {
            return true;
        }
    }
}
