package org.sstop.app.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.sstop.core.Snapshot;

/**
 * A recording opened for replay: every line is read once when it is opened and checked to be one
 * JSON object of this schema with a time, which gives the index (where each sample starts, its
 * time) and the first line that is not, if any; samples are then read back by index and their
 * fields checked as they are (a {@link BadLineException} ends the replay there), so a long
 * recording is neither held in memory nor built twice.
 * Plain or gzip (told by the content, not the name). Not thread-safe: the one replay that opened
 * it reads it, and closes it.
 */
public final class Recording implements Closeable {

    /** The schema this version reads. */
    static final String SCHEMA = "sstop/1";
    /** A longer line is not a sample (a line of 2,000 processes with sockets and histories is a few MB). */
    static final int MAX_LINE_BYTES = 64 << 20;
    /** Samples indexed at most (four months at one a second). */
    static final int MAX_SAMPLES = 10_000_000;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One sample's place.
     *
     * @param offset where its line starts in the (uncompressed) text
     * @param line its line number, from 1
     * @param time its {@code time}
     * @param at its place on the recording's timeline (see {@link #at})
     */
    record Entry(long offset, int line, Instant time, Duration at) {
    }

    private final Path file;
    private final boolean gzip;
    private final List<Entry> entries;
    private final String stopped;
    private final JsonShape shape;
    private InputStream in;
    private LineReader reader;

    private Recording(Path file, boolean gzip, List<Entry> entries, String stopped, JsonShape shape) {
        this.file = file;
        this.gzip = gzip;
        this.entries = entries;
        this.stopped = stopped;
        this.shape = shape;
    }

    /**
     * Reads a recording's index.
     *
     * @param file the recording
     * @return the recording, with at least one sample
     * @throws IOException if the file cannot be read at all
     * @throws RecordingException if it has no readable sample, or was written in a newer schema
     */
    public static Recording open(Path file) throws IOException {
        boolean gzip = isGzip(file);
        List<Entry> entries = new ArrayList<>();
        String stopped = null;
        JsonShape shape = null;
        try (InputStream raw = stream(file, gzip)) {
            LineReader lines = new LineReader(raw);
            int lineNo = 0;
            while (true) {
                long offset = lines.position();
                byte[] line;
                try {
                    line = lines.next();
                } catch (EOFException | java.util.zip.ZipException e) {
                    stopped = "line " + (lineNo + 1) + ": the compressed data ends early or is damaged (" + e.getMessage() + ")";
                    break;
                } catch (LineReader.TooLongException e) {
                    stopped = "line " + (lineNo + 1) + ": longer than " + MAX_LINE_BYTES + " bytes";
                    break;
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (LineReader.blank(line)) {
                    continue; // an empty line (an editor's, or a file cat together from pieces) holds no sample
                }
                if (entries.size() >= MAX_SAMPLES) {
                    stopped = "line " + lineNo + ": more than " + MAX_SAMPLES + " samples; the rest is not read";
                    break;
                }
                try {
                    Instant time;
                    if (entries.isEmpty()) { // the first line whole: it gives the shape, and garbage is refused at once
                        JsonNode tree = tree(line, file);
                        time = SnapshotParser.parse(tree).time();
                        shape = JsonShape.of(tree);
                    } else {
                        time = scan(line);
                    }
                    entries.add(new Entry(offset, lineNo, time, entries.isEmpty() ? Duration.ZERO : next(entries.get(entries.size() - 1), time)));
                } catch (RecordingFormatException e) {
                    stopped = "line " + lineNo + ": " + e.getMessage() + (lines.endedWithoutNewline() ? " (the line is cut short)" : "");
                    break;
                }
            }
        }
        if (entries.isEmpty()) {
            throw new RecordingException(file + ": no sample to replay" + (stopped == null ? " (the file is empty)" : ": " + stopped), false);
        }
        return new Recording(file, gzip, List.copyOf(entries), stopped, shape);
    }

    /**
     * The time of a line that is one well-formed JSON object of this schema, read without building
     * it (a tenth of the cost): its fields are checked when it is {@linkplain #read read}.
     */
    private static Instant scan(byte[] line) {
        String schema = null;
        String time = null;
        try (JsonParser p = MAPPER.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RecordingFormatException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && "schema".equals(name)) {
                    schema = p.getText();
                } else if (value == JsonToken.VALUE_STRING && "time".equals(name)) {
                    time = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RecordingFormatException("not JSON (more after the object)");
            }
        } catch (JsonProcessingException e) {
            throw new RecordingFormatException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new RecordingFormatException("not JSON (" + e.getMessage() + ")");
        }
        checkSchema(schema, null);
        if (time == null) {
            throw new RecordingFormatException("no field time");
        }
        try {
            return Instant.parse(time);
        } catch (java.time.DateTimeException e) {
            throw new RecordingFormatException("time: " + e.getMessage());
        }
    }

    /**
     * The tree of a line whose schema this version reads; a newer schema on the first line (the
     * file is given then, to name it) refuses the whole file.
     */
    private static JsonNode tree(byte[] line, Path first) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RecordingFormatException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new RecordingFormatException("not JSON (" + e.getMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new RecordingFormatException("not a JSON object");
        }
        JsonNode schema = tree.get("schema");
        checkSchema(schema == null || !schema.isTextual() ? null : schema.textValue(), first);
        return tree;
    }

    private static void checkSchema(String name, Path first) {
        if (SCHEMA.equals(name)) {
            return;
        }
        if (name != null && name.startsWith("sstop/")) {
            String message = "written in schema " + name + ", which this sstop does not read (it reads " + SCHEMA
                    + "): replay it with the sstop that wrote it, or a newer one";
            if (first != null) {
                throw new RecordingException(first + ": " + message, true);
            }
            throw new RecordingFormatException(message);
        }
        throw new RecordingFormatException("not an sstop sample (no \"schema\":\"" + SCHEMA + "\")");
    }

    /** Whether the file starts with the gzip magic number. */
    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * The file's text. The line reader buffers; nothing above the gzip stream may: a buffer would
     * lose the lines inflated before the error of a cut file.
     */
    private static InputStream stream(Path file, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(file);
        return gzip ? new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /**
     * The place on the timeline of a sample taken at {@code time} after {@code previous}: as far
     * after it as the wall clock says, but no earlier (the clock stepped back: NTP, a resumed VM),
     * so that the timeline never runs backwards and a seek or the playback finds every sample.
     */
    private static Duration next(Entry previous, Instant time) {
        Duration step = Duration.between(previous.time(), time);
        return step.isNegative() ? previous.at() : previous.at().plus(step);
    }

    /** The number of samples. */
    public int size() {
        return entries.size();
    }

    /** The time of sample {@code index}. */
    public Instant time(int index) {
        return entries.get(index).time();
    }

    /** The line number of sample {@code index}, from 1. */
    public int line(int index) {
        return entries.get(index).line();
    }

    /**
     * Where sample {@code index} is on the recording's timeline: the time since the first sample,
     * counting a step back of the wall clock as no time. Never decreases from one sample to the next.
     */
    public Duration at(int index) {
        return entries.get(index).at();
    }

    /** From the first sample to the last, on the timeline. */
    public Duration length() {
        return at(size() - 1);
    }

    /** Where and why reading stopped before the end of the file, or null when every line was read. */
    public String stopped() {
        return stopped;
    }

    /** The recording's own namespace and which optional fields it carries (to write it back the same). */
    public JsonShape shape() {
        return shape;
    }

    /**
     * The first sample at or after {@code offset} on the timeline (the last one when the offset is
     * beyond the end).
     *
     * @param offset time since the first sample, as {@link #at}
     * @return the sample's index
     */
    public int indexAt(Duration offset) {
        int lo = 0;
        int hi = size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at(mid).compareTo(offset) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The first sample, in the file's order, taken at or after {@code time} by its clock (the last
     * one when none was): where the clock stepped back, times do not say a place on the timeline.
     *
     * @param time a wall-clock time
     * @return the sample's index
     */
    public int indexAt(Instant time) {
        for (int i = 0; i < size(); i++) {
            if (!time(i).isBefore(time)) {
                return i;
            }
        }
        return size() - 1;
    }

    /**
     * Sample {@code index}, read again from the file. Its line was found to be one JSON object of
     * this schema when the recording was opened; its fields are checked now.
     *
     * @param index from 0
     * @return its snapshot
     * @throws BadLineException if its fields are not a sample's
     * @throws IOException if the file changed or cannot be read any more
     */
    public Snapshot read(int index) throws IOException {
        Entry e = entries.get(index);
        if (reader == null || e.offset() < reader.position()) {
            close();
            in = stream(file, gzip);
            reader = new LineReader(in);
        }
        reader.skipTo(e.offset());
        byte[] line = reader.next();
        if (line == null) {
            throw new IOException(file + " ends before line " + e.line() + ": it changed since it was opened");
        }
        try {
            return SnapshotParser.parse(tree(line, null));
        } catch (RuntimeException ex) {
            throw new BadLineException(e.line(), ex.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            try {
                in.close();
            } finally {
                in = null;
                reader = null;
            }
        }
    }

    /** A line whose fields are not a sample's, found when it is read: the recording ends before it. */
    public static final class BadLineException extends IOException {
        private static final long serialVersionUID = 1L;

        BadLineException(int line, String why) {
            super("line " + line + ": " + why);
        }
    }
}
