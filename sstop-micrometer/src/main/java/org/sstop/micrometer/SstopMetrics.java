package org.sstop.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.sstop.core.InterfaceStats;
import org.sstop.core.NetMonitor;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.SnapshotListener;
import org.sstop.core.Traffic;
import org.sstop.core.UnattributedReason;
import org.sstop.core.export.SeriesBook;

/**
 * A {@link NetMonitor}'s snapshots as Micrometer meters: {@code new SstopMetrics(monitor).bindTo(registry)},
 * then {@code monitor.start()}. The meters are those of the app's Prometheus exporter, so a
 * Prometheus registry shows the same names ({@code sstop_process_sent_bytes_total}, ...):
 *
 * <ul>
 *   <li>{@code sstop.process.sent}, {@code sstop.process.received}: function counters of payload bytes
 *       (tags {@code pid}, {@code name}, {@code user}, {@code container}) for the top N processes by
 *       traffic; the rest is counted on {@code pid=other}, so every counter only grows and their sum
 *       is every process's traffic. {@code sstop.process.sent.rate}, {@code .received.rate}
 *       (smoothed bytes per second), {@code sstop.process.connections},
 *       {@code sstop.process.listening.sockets}: gauges with the same tags. A process's meters are
 *       removed {@code retention} after it last was in the top N (after it exited, at the latest).
 *   <li>{@code sstop.interface.sent}, {@code .received} (headers included), and their rates: every
 *       interface.
 *   <li>{@code sstop.sent}, {@code sstop.received} and their rates: system totals (loopback excluded);
 *       {@code sstop.unattributed.sent}, {@code .received} and {@code sstop.reattributed.*} by
 *       {@code reason}; {@code sstop.coverage.*} and {@code sstop.coverage.ratio};
 *       {@code sstop.visibility.limited}, {@code sstop.capture.dropped},
 *       {@code sstop.close.notifications.lost}; {@code sstop.sample.duration} and {@code sstop.samples}.
 * </ul>
 *
 * <p>The meters change as snapshots are pushed: bind it, then {@link NetMonitor#start() start} the
 * monitor. With a monitor you {@link NetMonitor#sample() sample} yourself, pass each snapshot to
 * {@link #onSnapshot}. {@link #close()} removes the listener from the monitor and every meter from
 * the registries. Thread-safe; it may be bound to several registries.
 */
public final class SstopMetrics implements MeterBinder, SnapshotListener, AutoCloseable {

    /** How many processes have meters of their own by default. */
    public static final int DEFAULT_TOP = 50;
    /** How long a process's meters stay by default after it last was in the top N (or exited). */
    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(5);

    private static final String BYTES = "bytes";
    private static final String RATE = "bytes.per.second";

    private final NetMonitor monitor;
    private final Tags tags;
    private final LongSupplier ticker;
    private final SeriesBook<Object, ProcessStats> processBook;
    private final SeriesBook<Object, InterfaceStats> interfaceBook;
    private final BookMeters<ProcessStats> processMeters;
    private final BookMeters<InterfaceStats> interfaceMeters;
    private final List<MeterRegistry> registries = new ArrayList<>();
    private final List<BookMeters.Registered> systemMeters = new ArrayList<>();
    private volatile Snapshot last;
    private volatile double sampleSeconds;
    private volatile long samples;
    private long lastSequence;
    private boolean listening;
    private boolean closed;

    /**
     * Meters for a monitor, with the defaults: the top {@value #DEFAULT_TOP} processes, a
     * five-minute retention, no extra tags.
     *
     * @param monitor the monitor whose snapshots become meters
     */
    public SstopMetrics(NetMonitor monitor) {
        this(monitor, Tags.empty(), DEFAULT_TOP, DEFAULT_RETENTION);
    }

    /**
     * Meters for a monitor.
     *
     * @param monitor the monitor whose snapshots become meters
     * @param tags tags every meter gets (e.g. the host's name)
     * @param top how many processes have meters of their own (by traffic, each sample), 1 to 10,000;
     *     at most twice as many have meters at once (those that left the top N recently)
     * @param retention how long a process's meters stay after it last was in the top N
     */
    public SstopMetrics(NetMonitor monitor, Iterable<Tag> tags, int top, Duration retention) {
        this(monitor, tags, top, retention, System::nanoTime);
    }

    /** With a clock for the retention; for tests. */
    SstopMetrics(NetMonitor monitor, Iterable<Tag> tags, int top, Duration retention, LongSupplier ticker) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        if (top < 1 || top > 10_000) {
            throw new IllegalArgumentException("top must be 1 to 10000, not " + top);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("negative retention: " + retention);
        }
        this.ticker = ticker;
        long keep = retention.toNanos();
        processBook = new SeriesBook<>(new Things.Processes(), top, 2 * top, keep);
        interfaceBook = new SeriesBook<>(new Things.Interfaces(), Integer.MAX_VALUE, Integer.MAX_VALUE, keep);
        processMeters = new BookMeters<>("sstop.process", "the process", this.tags,
                Tags.of("pid", "other", "name", "other", "user", "other", "container", "other"), List.of(
                        new BookMeters.GaugeSpec<>("sstop.process.sent.rate", RATE, "Smoothed upload rate of the process",
                                p -> p.traffic().upRate()),
                        new BookMeters.GaugeSpec<>("sstop.process.received.rate", RATE, "Smoothed download rate of the process",
                                p -> p.traffic().downRate()),
                        new BookMeters.GaugeSpec<>("sstop.process.connections", null,
                                "Open connections (sockets not listening) of the process", p -> p.connections()),
                        new BookMeters.GaugeSpec<>("sstop.process.listening.sockets", null,
                                "Listening (or bound unconnected UDP) sockets of the process", p -> p.listening())));
        interfaceMeters = new BookMeters<>("sstop.interface", "the interface (headers included)", this.tags, null, List.of(
                new BookMeters.GaugeSpec<>("sstop.interface.sent.rate", RATE, "Smoothed transmit rate of the interface",
                        i -> i.traffic().upRate()),
                new BookMeters.GaugeSpec<>("sstop.interface.received.rate", RATE, "Smoothed receive rate of the interface",
                        i -> i.traffic().downRate())));
    }

    /**
     * Registers the meters with a registry and, the first time, listens to the monitor. The
     * monitor's latest snapshot, if it has one, is taken in at once.
     *
     * @param registry the registry
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (closed) {
            throw new IllegalStateException("these metrics are closed");
        }
        registries.add(registry);
        bindSystem(registry);
        processMeters.bind(registry);
        interfaceMeters.bind(registry);
        if (!listening) {
            listening = true;
            monitor.addListener(this);
            monitor.latest().ifPresent(this::onSnapshot);
        }
    }

    /**
     * Takes in a snapshot of the monitor: called on its sampling thread once bound, or by you for
     * a monitor you sample yourself. A snapshot older than (or the same as) one taken in before is
     * ignored, so a snapshot given twice counts once.
     *
     * @param snapshot a snapshot of this binder's monitor
     */
    @Override
    public synchronized void onSnapshot(Snapshot snapshot) {
        if (closed || snapshot.sequence() <= lastSequence) {
            return;
        }
        lastSequence = snapshot.sequence();
        long now = ticker.getAsLong();
        processMeters.update(processBook.update(snapshot.processes(), now), registries);
        interfaceMeters.update(interfaceBook.update(snapshot.interfaces(), now), registries);
        sampleSeconds = monitor.lastSampleDuration().toNanos() / 1e9;
        samples++;
        last = snapshot;
    }

    /** Stops listening to the monitor and removes every meter from every registry. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        monitor.removeListener(this);
        processMeters.unbindAll();
        interfaceMeters.unbindAll();
        for (BookMeters.Registered r : systemMeters) {
            r.registry().remove(r.meter());
        }
        systemMeters.clear();
        registries.clear();
    }

    /** How many process series have meters now, {@code other} included; for tests. */
    synchronized int processSeries() {
        return processMeters.size();
    }

    private void bindSystem(MeterRegistry r) {
        counter(r, "sstop.sent", BYTES, "Payload bytes the host sent, attributed or not (loopback excluded)",
                s -> s.totals().upBytes(), Tags.empty());
        counter(r, "sstop.received", BYTES, "Payload bytes the host received, attributed or not (loopback excluded)",
                s -> s.totals().downBytes(), Tags.empty());
        gauge(r, "sstop.sent.rate", RATE, "Smoothed upload rate of the host", s -> s.totals().upRate());
        gauge(r, "sstop.received.rate", RATE, "Smoothed download rate of the host", s -> s.totals().downRate());
        for (UnattributedReason reason : UnattributedReason.values()) {
            Tags by = Tags.of("reason", reason.label());
            counter(r, "sstop.unattributed.sent", BYTES, "Payload bytes sent that no process could be charged for",
                    s -> reason(s.external().unattributedByReason().get(reason)).upBytes(), by);
            counter(r, "sstop.unattributed.received", BYTES, "Payload bytes received that no process could be charged for",
                    s -> reason(s.external().unattributedByReason().get(reason)).downBytes(), by);
            counter(r, "sstop.reattributed.sent", BYTES, "Unattributed bytes sent, later charged to the process found late",
                    s -> reason(s.external().reattributedByReason().get(reason)).upBytes(), by);
            counter(r, "sstop.reattributed.received", BYTES,
                    "Unattributed bytes received, later charged to the process found late",
                    s -> reason(s.external().reattributedByReason().get(reason)).downBytes(), by);
        }
        counter(r, "sstop.coverage.payload", BYTES, "Payload counted leaving or entering the host (coverage numerator)",
                s -> s.coverage().total().payloadBytes(), Tags.empty());
        counter(r, "sstop.coverage.interface", BYTES, "Bytes the non-loopback interfaces counted, headers included",
                s -> s.coverage().total().interfaceBytes(), Tags.empty());
        counter(r, "sstop.coverage.estimated.header", BYTES, "Estimated header bytes in the interface bytes",
                s -> s.coverage().total().estimatedHeaderBytes(), Tags.empty());
        counter(r, "sstop.coverage.forwarded", BYTES, "Payload seen passing through the host (forwarded)",
                s -> s.coverage().total().forwardedBytes(), Tags.empty());
        systemMeters.add(new BookMeters.Registered(r, Gauge.builder("sstop.coverage.ratio", this,
                        m -> m.last == null ? Double.NaN : m.last.coverage().total().ratio())
                .description("Counted payload per byte of interface payload since start (NaN: none yet)").tags(tags).register(r)));
        gauge(r, "sstop.visibility.limited", null, "1 when something limits what sstop sees",
                s -> s.visibility().limited() ? 1 : 0);
        counter(r, "sstop.capture.dropped", "packets", "Packets the packet counter's capture dropped",
                s -> s.visibility().captureDrops(), Tags.empty());
        counter(r, "sstop.close.notifications.lost", null, "Socket close notifications lost (their last bytes are missing)",
                s -> s.visibility().closedEventsLost(), Tags.empty());
        systemMeters.add(new BookMeters.Registered(r, TimeGauge.builder("sstop.sample.duration", this, TimeUnit.SECONDS,
                m -> m.sampleSeconds).description("How long the monitor's last sample took").tags(tags).register(r)));
        systemMeters.add(new BookMeters.Registered(r, FunctionCounter.builder("sstop.samples", this, m -> m.samples)
                .description("Snapshots taken in").tags(tags).register(r)));
    }

    private static Traffic reason(Traffic t) {
        return t == null ? Traffic.ZERO : t;
    }

    private void counter(MeterRegistry r, String name, String unit, String description, ToDoubleFunction<Snapshot> f,
            Tags more) {
        systemMeters.add(new BookMeters.Registered(r, FunctionCounter.builder(name, this, m -> m.last == null ? 0 : f.applyAsDouble(m.last))
                .baseUnit(unit).description(description).tags(tags).tags(more).register(r)));
    }

    private void gauge(MeterRegistry r, String name, String unit, String description, ToDoubleFunction<Snapshot> f) {
        systemMeters.add(new BookMeters.Registered(r, Gauge.builder(name, this, m -> m.last == null ? 0 : f.applyAsDouble(m.last))
                .baseUnit(unit).description(description).tags(tags).register(r)));
    }
}
