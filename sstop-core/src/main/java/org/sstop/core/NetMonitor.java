package org.sstop.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sstop.api.BackendProvider;

/**
 * The embeddable monitor. Build one with {@link #builder()}; pull snapshots with
 * {@link #sample()}, or {@link #start()} the monitor's own sampling thread and receive them on a
 * {@link SnapshotListener}. Monitors share no state: several may run in one JVM.
 * {@link #close()} stops the thread and closes every backend.
 *
 * <p>SKELETON: signatures are fixed; the engine fills in the bodies.
 */
public final class NetMonitor implements AutoCloseable {

    /** Shortest accepted sampling interval. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** Longest accepted sampling interval. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);

    private NetMonitor() {
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
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * Takes a sample now and returns it. Thread-safe; calls are serialized.
     *
     * @return the snapshot
     * @throws IOException when the socket source fails (transiently; the monitor stays usable)
     * @throws IllegalStateException after {@link #close()}
     */
    public Snapshot sample() throws IOException {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** The most recent snapshot, if any sample was taken. */
    public Optional<Snapshot> latest() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Starts the monitor's sampling thread ({@code sstop-sampler-N}), which pushes to the listeners. Idempotent. */
    public void start() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** The sampling interval now in force. */
    public Duration interval() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * Changes the sampling interval; takes effect at the next sample.
     *
     * @param interval between {@link #MIN_INTERVAL} and {@link #MAX_INTERVAL}
     */
    public void setInterval(Duration interval) {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Which backends are live and why the others are not. */
    public BackendReport backends() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Stops the sampling thread and closes every backend. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /** Configures a {@link NetMonitor}. */
    public static final class Builder {

        private Builder() {
        }

        /** Sampling interval, {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}; default 1 s. */
        public Builder interval(Duration interval) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** Forces the socket source by provider name (as {@code --source} does). */
        public Builder socketSource(String providerName) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** How long exited processes stay in snapshots with their totals; default 30 s. */
        public Builder exitedRetention(Duration retention) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** Adds a listener for pushed snapshots (used after {@link NetMonitor#start()}). */
        public Builder listener(SnapshotListener listener) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** Uses exactly these providers instead of the ServiceLoader (tests, embedders with their own backends). */
        public Builder providers(List<? extends BackendProvider<?>> providers) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** The class loader the ServiceLoader searches; default this class's loader. */
        public Builder classLoader(ClassLoader loader) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** Monotonic nanosecond clock for elapsed time (tests); default {@link System#nanoTime()}. */
        public Builder nanoClock(LongSupplier nanoClock) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /** Wall clock for snapshot times (tests); default the system UTC clock. */
        public Builder wallClock(Clock clock) {
            throw new UnsupportedOperationException("engine not built yet");
        }

        /**
         * Selects and opens the backends.
         *
         * @return the monitor
         * @throws BackendSelectionException when a forced source is unknown or unavailable, or no
         *     socket source is available at all
         */
        public NetMonitor build() throws BackendSelectionException {
            throw new UnsupportedOperationException("engine not built yet");
        }
    }
}
