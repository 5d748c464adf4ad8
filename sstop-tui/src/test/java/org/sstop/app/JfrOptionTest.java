package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.testkit.CiAssume;

/** {@code --jfr} and {@code --jfr=FILE}: the events match the JSON output of the same samples. */
class JfrOptionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SAMPLE = "org.sstop.NetworkSample";

    @TempDir
    Path dir;

    @Test
    void jfrAloneSendsTheEventsToARecordingStartedElsewhere() throws Exception {
        CiAssume.linux();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<RecordedEvent> events = new ArrayList<>();
        try (Recording recording = new Recording()) {
            recording.enable(SAMPLE);
            recording.start();
            int status = Main.run(new String[] {"--jfr", "--json", "--count", "3", "--interval", "100ms",
                "--backend", "counters=none"}, out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            recording.stop();
            Path file = dir.resolve("test.jfr");
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals(SAMPLE)) {
                    events.add(e);
                }
            }
        }
        assertEventsMatch(out.toString(StandardCharsets.UTF_8), events);
    }

    @Test
    void jfrFileRecordsTheEventsBesideTheJvmsIntoTheFileWhenSstopExits() throws Exception {
        CiAssume.linux();
        Path file = dir.resolve("sstop.jfr");
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), Main.class.getName(),
                "--json", "--count", "3", "--interval", "200ms", "--backend", "counters=none", "--jfr=" + file);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        String json = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "sstop did not exit");
        assertEquals(0, child.exitValue(), json);
        assertTrue(Files.size(file) > 0, "written on exit");
        List<RecordedEvent> samples = new ArrayList<>();
        boolean jvmEvents = false;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals(SAMPLE)) {
                samples.add(e);
            }
            jvmEvents |= type.startsWith("jdk.");
        }
        assertTrue(jvmEvents, "the JVM's own events are in the recording too");
        assertEventsMatch(json, samples);
    }

    @Test
    void aFileThatCannotBeWrittenIsBadUsage() {
        MainTest.Result r = MainTest.run("--json", "--jfr=" + dir.resolve("no/such/dir/x.jfr"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("cannot write a recording"), r.err());
        r = MainTest.run("--json", "--jfr=" + dir);
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    /** Every printed sample has its event, with the same totals. */
    private static void assertEventsMatch(String jsonLines, List<RecordedEvent> events) throws Exception {
        Map<Long, RecordedEvent> bySequence = new HashMap<>();
        for (RecordedEvent e : events) {
            bySequence.put(e.getLong("sequence"), e);
        }
        String[] lines = jsonLines.strip().split("\n");
        assertEquals(3, lines.length, jsonLines);
        for (String line : lines) {
            JsonNode sample = MAPPER.readTree(line);
            RecordedEvent e = bySequence.get(sample.get("sequence").asLong());
            assertFalse(e == null, "no event for sample " + sample.get("sequence") + " among " + bySequence.keySet());
            JsonNode totals = sample.get("totals");
            assertEquals(totals.get("up_bytes").asLong(), e.getLong("upBytes"));
            assertEquals(totals.get("down_bytes").asLong(), e.getLong("downBytes"));
            assertEquals(totals.get("up_delta").asLong(), e.getLong("upDelta"));
            assertEquals(totals.get("down_delta").asLong(), e.getLong("downDelta"));
            assertEquals(sample.get("coverage").get("sample").get("interface_bytes").asLong(), e.getLong("interfaceBytes"));
            assertEquals(sample.get("processes").size(), e.getInt("processes"));
        }
    }
}
