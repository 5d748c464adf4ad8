package org.sstop.app.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.sstop.app.JsonDetail;
import org.sstop.app.JsonLinesWriter;
import org.sstop.app.SnapshotWriter;
import org.sstop.core.Snapshot;
import org.sstop.core.SnapshotListener;
import org.sstop.tui.text.IoFailure;
import org.sstop.tui.text.Sanitizer;

/**
 * {@code --record FILE}: writes every snapshot as an {@code sstop/1} line with what a replay needs
 * ({@link JsonDetail#recording()}), gzip-compressed when the name ends in {@code .gz}. Each line
 * is flushed to the file as it is written (gzip with a sync flush), so a crash loses at most the
 * sample being written. A failing file (disk full) ends the recording, said once on stderr, never
 * the run it records. Written by one thread at a time (the headless loop, or the monitor's
 * sampling thread as a listener).
 */
public final class RecordingWriter implements SnapshotWriter, SnapshotListener {

    private final Path file;
    private final PrintStream err;
    private JsonLinesWriter lines;

    private RecordingWriter(Path file, JsonLinesWriter lines, PrintStream err) {
        this.file = file;
        this.lines = lines;
        this.err = err;
    }

    /**
     * Creates (or truncates) the file.
     *
     * @param file where to record
     * @param sockets whether the lines carry each process's sockets ({@code --connections})
     * @param err where a failure is told
     * @return the writer
     * @throws IOException if the file cannot be created
     */
    public static RecordingWriter create(Path file, boolean sockets, PrintStream err) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16, true); // sync flush: every line is decodable once written
        }
        return new RecordingWriter(file, new JsonLinesWriter(out, JsonLinesWriter.ownNetns(), new JsonDetail(sockets, true)), err);
    }

    /**
     * As {@link #create}, saying on {@code err} why the file cannot be created.
     *
     * @param file where to record
     * @param sockets whether the lines carry each process's sockets
     * @param err where a failure is told
     * @return the writer, or null when the file cannot be created
     */
    public static RecordingWriter open(Path file, boolean sockets, PrintStream err) {
        try {
            return create(file, sockets, err);
        } catch (IOException | RuntimeException e) {
            err.println("sstop: cannot record to " + Sanitizer.clean(file.toString()) + ": " + IoFailure.describe(e));
            return null;
        }
    }

    @Override
    public synchronized void write(Snapshot snapshot) {
        if (lines == null) {
            return;
        }
        try {
            lines.write(snapshot);
        } catch (IOException | RuntimeException e) {
            err.println("sstop: recording to " + Sanitizer.clean(file.toString()) + " stopped: "
                    + Sanitizer.clean(String.valueOf(e.getMessage())));
            closeQuietly();
        }
    }

    @Override
    public void onSnapshot(Snapshot snapshot) {
        write(snapshot);
    }

    @Override
    public synchronized void close() throws IOException {
        if (lines != null) {
            JsonLinesWriter l = lines;
            lines = null;
            l.close(); // ends the gzip stream with its trailer
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // already told why the recording stopped
        }
    }

    /**
     * Both writers: each snapshot goes to {@code first}, then to the recording.
     *
     * @param first the mode's own output, or null
     * @param recording the recording, or null
     * @return a writer for both (null when both are null)
     */
    public static SnapshotWriter tee(SnapshotWriter first, RecordingWriter recording) {
        if (recording == null || first == null) {
            return first == null ? recording : first;
        }
        return new SnapshotWriter() {
            @Override
            public void write(Snapshot snapshot) throws IOException {
                try {
                    first.write(snapshot);
                } finally {
                    recording.write(snapshot);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    first.close();
                } finally {
                    recording.close();
                }
            }
        };
    }
}
