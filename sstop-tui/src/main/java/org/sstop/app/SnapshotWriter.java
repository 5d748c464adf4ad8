package org.sstop.app;

import java.io.Closeable;
import java.io.IOException;
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
}
