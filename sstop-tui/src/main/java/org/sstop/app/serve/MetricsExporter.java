package org.sstop.app.serve;

import java.io.IOException;
import java.time.Duration;
import org.sstop.app.SnapshotWriter;
import org.sstop.core.Snapshot;

/**
 * {@code --serve} in the headless loop: each sample becomes the families the server serves, then
 * goes on to the JSON or CSV writer if one runs beside it. Closing it stops the server and closes
 * that writer.
 */
public final class MetricsExporter implements SnapshotWriter {

    /** The default of {@code --serve-top}. */
    public static final int DEFAULT_TOP = SnapshotMetrics.DEFAULT_TOP;

    private static final System.Logger LOG = System.getLogger(MetricsExporter.class.getName());

    private final MetricsServer server;
    private final SnapshotMetrics metrics;
    private final SnapshotWriter next;

    /**
     * An exporter.
     *
     * @param server the running server (closed with this)
     * @param top how many processes and hosts are exposed by traffic ({@code --serve-top})
     * @param next the writer that also gets each sample, or null
     */
    public MetricsExporter(MetricsServer server, int top, SnapshotWriter next) {
        this(server, top, null, next);
    }

    /**
     * An exporter with chosen process labels.
     *
     * @param server the running server (closed with this)
     * @param top how many processes and hosts are exposed by traffic ({@code --serve-top})
     * @param labels {@code --serve-labels}: comma-separated label names, or null for the default
     * @param next the writer that also gets each sample, or null
     * @throws IllegalArgumentException if {@code labels} names an unknown label
     */
    public MetricsExporter(MetricsServer server, int top, String labels, SnapshotWriter next) {
        this.server = server;
        this.metrics = new SnapshotMetrics(top, labels == null ? ProcessLabel.DEFAULT : ProcessLabel.parse(labels));
        this.next = next;
    }

    /**
     * Why {@code --serve-labels} cannot be used, or null when it can.
     *
     * @param labels the option's value
     * @return the problem, one line
     */
    public static String labelsProblem(String labels) {
        try {
            ProcessLabel.parse(labels);
            return null;
        } catch (IllegalArgumentException e) {
            return "--serve-labels: " + e.getMessage();
        }
    }

    @Override
    public void write(Snapshot snapshot) throws IOException {
        write(snapshot, Duration.ZERO);
    }

    @Override
    public void write(Snapshot snapshot, Duration sampleTook) throws IOException {
        long now = System.nanoTime();
        try {
            server.publish(metrics.update(snapshot, sampleTook, now), now);
        } catch (RuntimeException e) {
            // A defect here must not end the JSON or CSV output: the last exposition stays, and
            // /healthz says stalled if it persists.
            LOG.log(System.Logger.Level.WARNING, "metrics of sample " + snapshot.sequence() + " not updated", e);
        }
        if (next != null) {
            next.write(snapshot, sampleTook);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            if (next != null) {
                next.close();
            }
        }
    }
}
