package org.sstop.app;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.sstop.core.Snapshot;

/** Writes snapshots in a headless format, flushing after each one so that pipes see every sample at once. */
public interface SnapshotWriter extends Closeable {

    /**
     * Writes one snapshot and flushes.
     *
     * @param snapshot the snapshot
     * @throws IOException when the output fails (e.g. the reader of a pipe went away)
     */
    void write(Snapshot snapshot) throws IOException;

    /**
     * Writes one snapshot, knowing how long taking it took (the metrics exporter serves that);
     * {@link #write(Snapshot)} by default.
     *
     * @param snapshot the snapshot
     * @param sampleTook how long the sample took
     * @throws IOException when the output fails
     */
    default void write(Snapshot snapshot, Duration sampleTook) throws IOException {
        write(snapshot);
    }

    /**
     * A writer that shows each snapshot to {@code observer}, then writes it to {@code next};
     * closing it closes {@code next}, then {@code alsoClose}.
     *
     * @param observer sees every snapshot before it is written
     * @param next the writer that writes it
     * @param alsoClose closed after {@code next}, or null
     * @return the writer
     */
    static SnapshotWriter observing(Consumer<Snapshot> observer, SnapshotWriter next, Closeable alsoClose) {
        return new SnapshotWriter() {
            @Override
            public void write(Snapshot snapshot) throws IOException {
                observer.accept(snapshot);
                next.write(snapshot);
            }

            @Override
            public void write(Snapshot snapshot, Duration sampleTook) throws IOException {
                observer.accept(snapshot);
                next.write(snapshot, sampleTook);
            }

            @Override
            public void close() throws IOException {
                try {
                    next.close();
                } finally {
                    if (alsoClose != null) {
                        alsoClose.close();
                    }
                }
            }
        };
    }
}
