package org.sstop.app;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sstop.core.NetMonitor;
import org.sstop.core.Snapshot;
import org.sstop.tui.text.Sanitizer;

/**
 * The headless loop: one sample per interval on a fixed schedule, each written at once, until
 * the count is reached, the reader of stdout goes away, or {@link #stop()} is called (SIGINT).
 */
final class HeadlessRunner {

    private final NetMonitor monitor;
    private final SnapshotWriter writer;
    private final PrivilegeNotice notice;
    private final PrintStream err;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** How long the last call of {@link NetMonitor#sample()} took; the loop's thread only. */
    private long lastSampleNanos;

    HeadlessRunner(NetMonitor monitor, SnapshotWriter writer, PrivilegeNotice notice, PrintStream err) {
        this.monitor = monitor;
        this.writer = writer;
        this.notice = notice;
        this.err = err;
    }

    /**
     * Takes the baseline sample at once (not written: the monitor's first sample only sets what
     * existing sockets had moved), then samples every {@code interval} and writes each snapshot.
     * Closes neither the monitor nor the writer.
     *
     * @param interval time between samples
     * @param count samples to write, or 0 for no limit
     * @return the exit code: 0, also when the output's reader went away or the run was stopped
     */
    int run(Duration interval, long count) {
        try {
            long step = interval.toNanos();
            long due = System.nanoTime();
            boolean baselineTaken = trySample() != null;
            long written = 0;
            while (count == 0 || written < count) {
                due += step;
                long now = System.nanoTime();
                if (due < now) {
                    due = now; // a slow sample: start the schedule over rather than burst
                }
                if (stopped.await(due - now, TimeUnit.NANOSECONDS)) {
                    return 0;
                }
                Snapshot snapshot = trySample();
                if (snapshot == null || !baselineTaken) {
                    baselineTaken |= snapshot != null;
                    continue;
                }
                notice.update(snapshot);
                try {
                    writer.write(snapshot, Duration.ofNanos(lastSampleNanos));
                } catch (IOException e) {
                    return 0; // the reader went away (EPIPE): a normal end for a pipe into head
                }
                written++;
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A sample, or null after saying on stderr that it failed (transiently: the next one may work). */
    private Snapshot trySample() {
        long start = System.nanoTime();
        try {
            return monitor.sample();
        } catch (IOException e) {
            err.println("sstop: sample failed, retrying: " + Sanitizer.clean(String.valueOf(e.getMessage())));
            return null;
        } finally {
            lastSampleNanos = System.nanoTime() - start;
        }
    }

    /** Ends {@link #run} at its next wait. */
    void stop() {
        stopped.countDown();
    }
}
