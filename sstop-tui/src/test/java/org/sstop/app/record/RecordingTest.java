package org.sstop.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.app.JsonLinesWriter;
import org.sstop.core.ContainerStats;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;

/** A recording read back: the same snapshots (histories, sockets, names), and where a damaged one stops. */
class RecordingTest {

    @TempDir
    Path dir;

    @Test
    void everySampleComesBackAsTheSnapshotItWas() throws Exception {
        List<Snapshot> samples = Recordings.samples(5);
        Path file = dir.resolve("r.jsonl");
        Recordings.record(file, samples, true, true);
        try (Recording r = Recording.open(file)) {
            assertEquals(5, r.size());
            assertNull(r.stopped());
            assertEquals(Duration.ofSeconds(4), r.length());
            assertTrue(r.shape().detail().sockets() && r.shape().detail().recording(), r.shape().toString());
            assertEquals(JsonLinesWriter.ownNetns(), r.shape().ownNetns());
            for (int i = 4; i >= 0; i--) { // backwards: each read goes back in the file
                Snapshot want = samples.get(i);
                Snapshot got = r.read(i);
                assertEquals(want.sequence(), got.sequence());
                assertEquals(want.time(), got.time());
                assertEquals(want.elapsed(), got.elapsed());
                assertEquals(want.history(), got.history(), "the header's sparkline");
                assertEquals(want.processes().size(), got.processes().size());
                for (int p = 0; p < want.processes().size(); p++) {
                    ProcessStats a = want.processes().get(p);
                    ProcessStats b = got.processes().get(p);
                    assertEquals(a.name(), b.name(), "names exact, hostile ones too");
                    assertEquals(a.cmdline(), b.cmdline());
                    assertEquals(a.startTime(), b.startTime());
                    assertEquals(a.history(), b.history(), "a process's sparkline");
                    assertEquals(a.sockets(), b.sockets(), "its sockets");
                    assertEquals(a.netns(), b.netns());
                    assertEquals(a.container(), b.container());
                    assertEquals(a.traffic(), b.traffic());
                    assertEquals(a.exitedAt(), b.exitedAt());
                }
                for (int c = 0; c < want.containers().size(); c++) {
                    ContainerStats a = want.containers().get(c);
                    assertEquals(a.history(), got.containers().get(c).history(), "a group's sparkline");
                    assertEquals(a.container(), got.containers().get(c).container());
                }
                assertEquals(want.hosts().get(0).name(), got.hosts().get(0).name());
                assertEquals(0, got.hosts().get(0).netns(), "the recorder's own namespace is 0 again");
                assertEquals(want.listen(), got.listen());
                assertEquals(want.interfaces(), got.interfaces());
                assertEquals(want.visibility(), got.visibility());
                assertEquals(want.coverage(), got.coverage());
                assertEquals(want.external(), got.external());
                assertEquals(want.backends().services().stream().map(s -> s.selected()).toList(),
                        got.backends().services().stream().map(s -> s.selected()).toList());
            }
            assertEquals(2, r.indexAt(Duration.ofMillis(1500)), "seek: the first sample at or after");
            assertEquals(4, r.indexAt(Duration.ofHours(1)));
            assertEquals(0, r.indexAt(Duration.ofSeconds(-5)));
        }
    }

    /**
     * The wall clock stepped back 30 s after the third sample (NTP, a resumed VM): the timeline
     * never runs backwards, a replay starts at the first sample, and a seek finds each sample.
     */
    @Test
    void aRecordingWhoseClockSteppedBackReplaysEverySample() throws Exception {
        List<Snapshot> samples = new ArrayList<>();
        List<Snapshot> taken = Recordings.samples(6);
        for (int i = 0; i < taken.size(); i++) {
            Snapshot s = taken.get(i);
            samples.add(i < 3 ? s : new Snapshot(s.sequence(), s.time().minusSeconds(30), s.elapsed(), s.interval(),
                    s.backends(), s.external(), s.loopback(), s.coverage(), s.processes(), s.hosts(), s.listen(),
                    s.interfaces(), s.history(), s.trend(), s.visibility(), s.containers()));
        }
        Path file = dir.resolve("stepped.jsonl");
        Recordings.record(file, samples, false, true);
        try (Recording r = Recording.open(file)) {
            assertEquals(6, r.size());
            assertEquals(List.of(0L, 1L, 2L, 2L, 3L, 4L),
                    IntStream.range(0, 6).mapToObj(i -> r.at(i).toSeconds()).toList(),
                    "a step back counts as no time");
            assertEquals(0, r.indexAt(Duration.ZERO), "a replay without --seek starts at the first sample");
            assertEquals(4, r.indexAt(Duration.ofSeconds(3)));
            assertEquals(2, r.indexAt(samples.get(2).time()), "by the clock: the first sample, in the file's order, taken at or after");
            assertEquals(5, r.indexAt(samples.get(2).time().plusSeconds(60)), "none: the last");
        }
    }

    @Test
    void quietSecondsAreLeftOutAndPaddedBack() {
        long[] up = new long[60];
        long[] down = new long[60];
        up[58] = 5;
        down[59] = 7;
        RateHistory h = RateHistory.of(up, down);
        com.fasterxml.jackson.databind.node.ArrayNode written = new com.fasterxml.jackson.databind.ObjectMapper()
                .createArrayNode().add(5).add(0).add(0).add(7);
        assertEquals(h, SnapshotParser.history(written, 60));
        assertEquals(RateHistory.of(new long[3], new long[3]), SnapshotParser.history(null, 3), "a quiet process");
        assertThrows(RecordingFormatException.class,
                () -> SnapshotParser.history(new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(1), 60));
    }

    @Test
    void aCrashLeavesAGzipRecordingThatReplaysEverySampleWritten() throws Exception {
        Path file = dir.resolve("crash.jsonl.gz");
        Recordings.record(file, Recordings.samples(4), false, false); // never closed: no gzip trailer
        try (Recording r = Recording.open(file)) {
            assertEquals(4, r.size(), "each line was flushed as it was written");
            assertTrue(r.stopped().startsWith("line 5: the compressed data ends early"), r.stopped());
            assertEquals(4, r.read(3).sequence());
        }
    }

    @Test
    void aGzipRecordingIsToldByItsContent() throws Exception {
        Path file = dir.resolve("r.jsonl.gz");
        Recordings.record(file, Recordings.samples(3), false, true);
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            plain = in.readAllBytes();
        }
        Path renamed = Files.move(file, dir.resolve("no-suffix"));
        try (Recording r = Recording.open(renamed)) {
            assertEquals(3, r.size());
            assertNull(r.stopped());
        }
        assertEquals(3, new String(plain, StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void aBadLineEndsTheRecordingThereWithItsNumber() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Recordings.record(file, Recordings.samples(5), false, true);
        List<String> lines = Files.readAllLines(file);
        String cut = lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, lines.get(2).length() / 2);
        assertStops(cut, 2, "line 3: not JSON");
        assertStops(cut, 2, "(the line is cut short)");
        assertStops(lines.get(0) + "\n{\"schema\":\"sstop/1\"\n" + lines.get(2) + "\n", 1, "line 2: not JSON");
        assertStops(lines.get(0) + "\n" + lines.get(1).replace("\"pid\":100,", "\"pid\":\"100\",") + "\n", 1,
                "line 2: pid: not a whole number");
        assertStops(lines.get(0) + "\n" + lines.get(1).replace("\"port\":", "\"port\":7") + "\n", 1, "line 2: port");
        assertStops(lines.get(0) + "\n[1,2]\n", 1, "line 2: not a JSON object");
        assertStops(lines.get(0) + "\n{\"schema\":\"other/1\"}\n", 1, "line 2: not an sstop sample");
        assertStops(lines.get(0) + "\n" + lines.get(1).replace("sstop/1", "sstop/2") + "\n", 1,
                "line 2: written in schema sstop/2");
        assertStops(lines.get(0) + "\n\u0000\u00ff garbage\n", 1, "line 2: not JSON");
        assertStops(lines.get(0) + "\n" + lines.get(1) + " {}\n", 1, "line 2: not JSON");
    }

    @Test
    void emptyLinesHoldNoSampleAndEndNothing() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Recordings.record(file, Recordings.samples(2), false, true);
        List<String> lines = Files.readAllLines(file);
        Path spaced = Files.writeString(dir.resolve("spaced.jsonl"), "\n" + lines.get(0) + "\n \t\r\n" + lines.get(1) + "\n\n");
        try (Recording r = Recording.open(spaced); Recording plain = Recording.open(file)) {
            assertEquals(2, r.size());
            assertNull(r.stopped());
            assertEquals(4, r.line(1), "samples keep their line numbers in the file");
            assertEquals(plain.read(1), r.read(1));
        }
    }

    @Test
    void aNewerSchemaIsRefusedAndNothingReadableIsAnError() throws Exception {
        Path newer = dir.resolve("newer.jsonl");
        Files.writeString(newer, "{\"schema\":\"sstop/2\",\"sequence\":1}\n");
        RecordingException e = assertThrows(RecordingException.class, () -> Recording.open(newer));
        assertTrue(e.newerSchema());
        assertTrue(e.getMessage().contains("sstop/2") && e.getMessage().contains("sstop/1"), e.getMessage());
        assertTrue(e.getMessage().startsWith(newer + ": "), "names the file, as the other replay errors do: " + e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertTrue(assertThrows(RecordingException.class, () -> Recording.open(empty)).getMessage().contains("empty"));
        Path garbage = Files.writeString(dir.resolve("garbage"), "hello\n");
        RecordingException g = assertThrows(RecordingException.class, () -> Recording.open(garbage));
        assertTrue(!g.newerSchema() && g.getMessage().contains("line 1: not JSON"), g.getMessage());
    }

    /** Replays a file as far as it goes: the samples before the bad line come back exactly, and it says where. */
    private void assertStops(String content, int samples, String where) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), content);
        try (Recording r = Recording.open(file)) {
            String stopped = r.stopped();
            int read = 0;
            for (int i = 0; i < r.size(); i++) {
                Snapshot s;
                try {
                    s = r.read(i);
                } catch (Recording.BadLineException e) {
                    stopped = e.getMessage();
                    break;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new JsonLinesWriter(out, r.shape().ownNetns(), r.shape().detail()).write(s);
                assertEquals(content.lines().toList().get(i) + "\n", out.toString(StandardCharsets.UTF_8),
                        "the lines before it replay exactly");
                read++;
            }
            assertEquals(samples, read, content);
            assertTrue(stopped != null && stopped.contains(where), stopped);
        }
    }
}
