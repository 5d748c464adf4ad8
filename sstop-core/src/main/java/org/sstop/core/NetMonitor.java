package org.sstop.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.sstop.api.BackendProvider;
import org.sstop.api.IpAddress;

/**
 * The embeddable monitor. Build one with {@link #builder()}; either pull snapshots with
 * {@link #sample()}, or {@link #start()} the monitor's own sampling thread and receive them on a
 * {@link SnapshotListener} (not both: a started monitor refuses {@code sample()}, so that every
 * sample spans a whole interval; read {@link #latest()} instead). Monitors share no state: several
 * may run in one JVM. {@link #close()} stops the thread and closes every backend.
 *
 * <p>Per service ({@link Service}) the available provider with the highest priority is opened; a
 * provider that fails to open, or whose backend fails permanently at run time (or three times in
 * a row), is closed and the next tier takes over. Only a socket source is required; without a
 * process mapper or interface statistics the monitor degrades and says so in
 * {@link Snapshot#visibility()}.
 *
 * <p>The first sample sets the baseline: sockets that exist then count only what they move
 * afterwards. Rates are smoothed with alpha 0.3 per second of measured elapsed time.
 */
public final class NetMonitor implements AutoCloseable {

    /** Shortest accepted sampling interval. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** Longest accepted sampling interval. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

    private final ReentrantLock sampleLock = new ReentrantLock();
    private final Object startLock = new Object();
    private final Engine engine;
    private final Sampler sampler;
    /** Null unless built with {@link Builder#jfrEvents}: then the only cost is a null check. */
    private final JfrEvents jfr;
    private volatile Duration interval;
    private volatile Snapshot latest;
    private volatile Duration lastSampleDuration = Duration.ZERO;
    private volatile boolean closed;
    private volatile BackendReport closedReport;

    private NetMonitor(Builder b, Backends backends) {
        this.interval = b.interval;
        LongSupplier nano = b.nanoClock;
        LocalAddresses local = new LocalAddresses(b.localAddresses, nano);
        this.engine = new Engine(backends, nano, b.wallClock, b.exitedRetention, local, b.socketDetail);
        this.jfr = b.jfrEvents ? jfrEvents(b.jfrThreshold) : null;
        this.sampler = new Sampler(new Sampler.Target(this::takeSample, () -> interval.toNanos(), () -> closed), b.listeners,
                System::nanoTime);
    }

    /** A builder with defaults: 1 s interval, 30 s exited-process retention, providers from the ServiceLoader. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every provider found on the class path, per service, with availability; opens nothing.
     *
     * @param loader the class loader to search
     * @return the report (selected = what {@link #builder()} would pick)
     */
    public static BackendReport discover(ClassLoader loader) {
        return new Backends(Backends.load(loader), Map.of(), Set.of()).report();
    }

    /**
     * Takes a sample now and returns it. Thread-safe; calls are serialized.
     *
     * @return the snapshot
     * @throws IOException when the socket source fails (transiently; the monitor stays usable)
     * @throws IllegalStateException after {@link #close()}, or once {@link #start()}ed (its own thread
     *     samples then: use {@link #latest()} or a listener)
     */
    public Snapshot sample() throws IOException {
        if (sampler.started()) {
            throw new IllegalStateException("this monitor samples on its own thread since start(): "
                    + "read latest() or add a listener instead of calling sample()");
        }
        return takeSample();
    }

    private Snapshot takeSample() throws IOException {
        sampleLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("monitor is closed");
            }
            NetworkSampleEvent event = jfr == null ? null : jfr.begin();
            long began = System.nanoTime();
            Snapshot s = engine.sample(interval);
            lastSampleDuration = Duration.ofNanos(System.nanoTime() - began);
            latest = s;
            if (jfr != null) {
                jfr.emit(event, s);
            }
            return s;
        } finally {
            sampleLock.unlock();
        }
    }

    /** The most recent snapshot, if any sample was taken. */
    public Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * Starts the monitor's sampling thread ({@code sstop-sampler-N}), which pushes to the
     * listeners. If no sample was taken yet, the first one (the baseline) is taken before this
     * method returns, so that traffic the caller starts afterwards counts in full; the thread
     * pushes it first, then samples every interval. Idempotent.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("monitor is closed");
        }
        synchronized (startLock) {
            if (sampler.started()) {
                return;
            }
            Snapshot first = null;
            Exception failure = null;
            long at = System.nanoTime();
            if (latest == null) {
                try {
                    first = takeSample();
                } catch (IOException e) {
                    failure = e; // reported to the listeners; the thread retries at the next interval
                }
            }
            sampler.start(first, failure, at);
        }
    }

    /** How long taking the last snapshot took (listeners not included; zero before the first): a listener reads its snapshot's. */
    public Duration lastSampleDuration() {
        return lastSampleDuration;
    }

    /** Adds a listener to a built monitor (as {@link Builder#listener} does before): it gets the next pushes on. Thread-safe. */
    public void addListener(SnapshotListener listener) {
        sampler.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener (one addition of it); a push already under way may still reach it once. Whether it was there. */
    public boolean removeListener(SnapshotListener listener) {
        return sampler.removeListener(listener);
    }

    /** The sampling interval now in force. */
    public Duration interval() {
        return interval;
    }

    /**
     * Changes the sampling interval; takes effect at the next sample.
     *
     * @param interval between {@link #MIN_INTERVAL} and {@link #MAX_INTERVAL}
     */
    public void setInterval(Duration interval) {
        this.interval = checkInterval(interval);
        sampler.intervalChanged();
    }

    /** Which backends are live and why the others are not (after {@link #close()}: none is). */
    public BackendReport backends() {
        BackendReport r = closedReport;
        return r != null ? r : engine.report(); // published by the sampling side; no need to wait for a sample
    }

    /**
     * Stops the sampling thread and closes every backend. A listener call in progress is waited
     * for at most two seconds; after that the thread is interrupted and the backends are closed
     * anyway (the listener then finds the monitor closed). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        sampler.stop();
        sampleLock.lock();
        try {
            if (!closed) {
                closed = true;
                closedReport = engine.close();
            }
        } finally {
            sampleLock.unlock();
        }
    }

    /** The events, or null (logged) when this runtime has no JFR (a jlinked image without jdk.jfr, or the module path without it). */
    private static JfrEvents jfrEvents(long threshold) {
        try {
            return new JfrEvents(threshold);
        } catch (LinkageError e) {
            System.getLogger(NetMonitor.class.getName()).log(System.Logger.Level.WARNING,
                    "JFR events were asked for, but this runtime has no JFR (module jdk.jfr): the monitor runs without them", e);
            return null;
        }
    }

    private static Duration checkInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be between " + MIN_INTERVAL.toMillis()
                    + " ms and " + MAX_INTERVAL.toSeconds() + " s, not " + interval.toMillis() + " ms");
        }
        return interval;
    }

    /** Configures a {@link NetMonitor}. */
    public static final class Builder {

        private Duration interval = Duration.ofSeconds(1);
        private Duration exitedRetention = Duration.ofSeconds(30);
        private final List<SnapshotListener> listeners = new ArrayList<>();
        private List<? extends BackendProvider<?>> providers;
        private final List<BackendProvider<?>> added = new ArrayList<>();
        private final Map<Service, String> forced = new EnumMap<>(Service.class);
        private final Set<Service> disabled = EnumSet.noneOf(Service.class);
        private boolean socketDetail;
        private boolean jfrEvents;
        private long jfrThreshold = 1024;
        private ClassLoader classLoader = NetMonitor.class.getClassLoader();
        private LongSupplier nanoClock = System::nanoTime;
        private Clock wallClock = Clock.systemUTC();
        private Supplier<Map<IpAddress, String>> localAddresses = LocalAddresses::fromInterfaces;

        private Builder() {
        }

        /** Sampling interval, {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}; default 1 s. */
        public Builder interval(Duration interval) {
            this.interval = checkInterval(interval);
            return this;
        }

        /**
         * Forces the socket source by provider name (as {@code --source} does), like
         * {@code force(Service.SOCKETS, name)}; null lets the monitor choose again.
         */
        public Builder socketSource(String providerName) {
            if (providerName == null) {
                forced.remove(Service.SOCKETS);
                return this;
            }
            return force(Service.SOCKETS, providerName);
        }

        /**
         * Uses only this provider for a service: {@link #build()} fails when it is unknown,
         * unavailable or does not open.
         */
        public Builder force(Service service, String providerName) {
            forced.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(providerName, "providerName"));
            return this;
        }

        /**
         * Turns a service off: no provider of it is opened (e.g. no packet capture thread and ring
         * for {@link Service#FLOWS}). The socket source cannot be turned off.
         */
        public Builder disable(Service service) {
            if (service == Service.SOCKETS) {
                throw new IllegalArgumentException("the socket source is required");
            }
            disabled.add(service);
            return this;
        }

        /** How long exited processes stay in snapshots with their totals; default 30 s. */
        public Builder exitedRetention(Duration retention) {
            if (retention.isNegative()) {
                throw new IllegalArgumentException("negative retention: " + retention);
            }
            this.exitedRetention = retention;
            return this;
        }

        /**
         * Whether snapshots list each process's sockets ({@link ProcessStats#sockets()}); off by
         * default, since it costs about a hundred bytes per socket per sample.
         */
        public Builder socketDetail(boolean on) {
            this.socketDetail = on;
            return this;
        }

        /**
         * Whether the monitor emits JFR events (off by default): {@code org.sstop.NetworkSample}
         * per sample (system totals and coverage; its duration is the sample's), and
         * {@code org.sstop.ProcessTraffic} per process at the {@link #jfrProcessThreshold threshold}.
         * They are written only while a recording enables them.
         */
        public Builder jfrEvents(boolean on) {
            this.jfrEvents = on;
            return this;
        }

        /** Traffic (up plus down, bytes/s, smoothed or in the last sample) from which a process gets a JFR event; default 1024. */
        public Builder jfrProcessThreshold(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("negative threshold: " + bytesPerSecond);
            }
            this.jfrThreshold = bytesPerSecond;
            return this;
        }

        /** Adds a listener for pushed snapshots (used after {@link NetMonitor#start()}). */
        public Builder listener(SnapshotListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds a provider to those found (by the ServiceLoader, or given to {@link #providers}). */
        public Builder addProvider(BackendProvider<?> provider) {
            added.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Uses exactly these providers (plus any {@link #addProvider added} ones) instead of the ServiceLoader. */
        public Builder providers(List<? extends BackendProvider<?>> providers) {
            this.providers = List.copyOf(providers);
            return this;
        }

        /** The class loader the ServiceLoader searches; default this class's loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Monotonic nanosecond clock for elapsed time; for tests in this package. */
        Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /** Wall clock for snapshot times; for tests in this package. */
        Builder wallClock(Clock clock) {
            this.wallClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** This host's addresses with their interfaces (flows to wildcard-bound UDP sockets, sockets to interfaces); for tests in this package. */
        Builder localAddresses(Supplier<Map<IpAddress, String>> addresses) {
            this.localAddresses = Objects.requireNonNull(addresses, "addresses");
            return this;
        }

        /**
         * Selects and opens the backends.
         *
         * @return the monitor
         * @throws BackendSelectionException when a forced provider is unknown, unavailable or fails
         *     to open, or no socket source is available at all
         * @throws IllegalArgumentException when a provider given to {@link #providers} or
         *     {@link #addProvider} implements none of the five service provider interfaces
         */
        public NetMonitor build() throws BackendSelectionException {
            List<BackendProvider<?>> found = new ArrayList<>(providers != null ? providers : Backends.load(classLoader));
            found.addAll(added);
            Backends backends = new Backends(found, forced, disabled);
            try {
                backends.open();
            } catch (BackendSelectionException | RuntimeException | Error e) {
                backends.close(); // whatever went wrong, nothing opened stays open
                throw e;
            }
            return new NetMonitor(this, backends);
        }
    }
}
