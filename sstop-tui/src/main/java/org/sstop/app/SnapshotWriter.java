package org.sstop.app;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
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
}
