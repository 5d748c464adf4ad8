package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/**
 * The real {@link Main} against the real backends: a run with a known loopback connection
 * recorded with {@code --connections}, its sockets in the JSON, and the replay of the recording
 * to {@code --json} byte for byte; then the damaged and foreign recordings through the command line.
 */
class RecordReplayEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PID = (int) ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @BeforeEach
    void linuxOnly() {
        CiAssume.that(Host.isLinux(), "the Linux backends need Linux");
    }

    @Test
    void aRecordedRunWithAKnownConnectionReplaysLineForLine() throws Exception {
        int payload = 3 << 20;
        Path file = dir.resolve("run.jsonl.gz");
        MainEndToEndTest.LineCountingStream out = new MainEndToEndTest.LineCountingStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int clientPort;
        int serverPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            clientPort = client.getLocalPort();
            serverPort = server.getLocalPort();
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                    new String[] {"--json", "--connections", "--count", "4", "--interval", "300ms", "--record", file.toString()},
                    out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false));
            assertTrue(out.firstLine.await(30, TimeUnit.SECONDS), "first line");
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return accepted.getInputStream().readNBytes(payload).length;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            OutputStream o = client.getOutputStream();
            o.write(new byte[payload]);
            o.flush();
            assertEquals(payload, received.get(30, TimeUnit.SECONDS));
            assertEquals(0, status.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        byte[] recorded;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            recorded = in.readAllBytes();
        }
        List<JsonNode> lines = MainEndToEndTest.parseLines(printed);
        List<JsonNode> recordedLines = MainEndToEndTest.parseLines(new String(recorded, StandardCharsets.UTF_8));
        assertEquals(4, lines.size());
        assertEquals(4, recordedLines.size(), "every sample printed is recorded");
        for (int i = 0; i < 4; i++) {
            assertEquals(lines.get(i), withoutRecordingFields(recordedLines.get(i)),
                    "a recorded line is the printed line with fields added, none changed");
        }
        // The connection in the last sample, from both ends, with its bytes: this JVM owns both sockets.
        JsonNode self = MainEndToEndTest.process(lines.get(3), PID);
        assertNotNull(self, "this JVM in the last sample");
        JsonNode sent = socket(self, clientPort, serverPort);
        JsonNode got = socket(self, serverPort, clientPort);
        assertEquals("tcp", sent.get("protocol").asText());
        assertEquals("established", sent.get("state").asText());
        assertEquals("127.0.0.1", sent.get("remote_address").asText());
        assertTrue(sent.get("up_bytes").asLong() >= payload && sent.get("up_bytes").asLong() < payload + 4096, sent.toString());
        assertTrue(got.get("down_bytes").asLong() >= payload && got.get("down_bytes").asLong() < payload + 4096, got.toString());
        assertTrue(sent.get("age_ms").asLong() > 0, sent.toString());
        assertTrue(sent.get("loopback").asBoolean() && sent.get("counted").asBoolean(), sent.toString());
        assertEquals("lo", sent.get("interface").asText(), "a loopback connection crosses lo: " + sent);
        assertTrue(lines.get(3).get("with_sockets").asBoolean());
        JsonNode recordedSelf = MainEndToEndTest.process(recordedLines.get(3), PID);
        assertTrue(recordedSelf.get("history").size() >= 2 && recordedSelf.get("start_time").asLong() > 0,
                "the recording carries the sparkline's seconds and the pid-reuse token: " + recordedSelf);

        MainTest.Result replay = MainTest.run("--replay", file.toString(), "--json");
        assertEquals(0, replay.status(), replay.err());
        assertEquals(new String(recorded, StandardCharsets.UTF_8), replay.out(), "the replay gives back every recorded line");
        MainTest.Result csv = MainTest.run("--replay", file.toString(), "--csv");
        assertEquals(0, csv.status(), csv.err());
        assertTrue(csv.out().startsWith(CsvWriter.HEADER) && csv.out().contains("," + PID + ","), csv.out());
        MainTest.Result last = MainTest.run("--replay", file.toString(), "--json", "--seek", "10m");
        assertEquals(new String(recorded, StandardCharsets.UTF_8).lines().toList().get(3) + "\n", last.out(),
                "a seek past the end shows the last sample");
        MainTest.Result two = MainTest.run("--replay", file.toString(), "--json", "--seek", recordedLines.get(1).get("time").asText(),
                "--count", "2", "--speed", "100");
        assertEquals(String.join("\n", new String(recorded, StandardCharsets.UTF_8).lines().toList().subList(1, 3)) + "\n",
                two.out(), "from a recorded time, two samples, paced");

        // The clock stepped back 30 s before the third sample (NTP, a resumed VM): every line still comes back.
        List<String> stepped = new ArrayList<>(new String(recorded, StandardCharsets.UTF_8).lines().toList());
        for (int i = 2; i < stepped.size(); i++) {
            String time = recordedLines.get(i).get("time").asText();
            stepped.set(i, stepped.get(i).replace("\"time\":\"" + time + "\"",
                    "\"time\":\"" + Instant.parse(time).minusSeconds(30) + "\""));
        }
        Path steppedFile = file.resolveSibling("stepped.jsonl");
        Files.writeString(steppedFile, String.join("\n", stepped) + "\n");
        MainTest.Result again = MainTest.run("--replay", steppedFile.toString(), "--json");
        assertEquals(0, again.status(), again.err());
        assertEquals(String.join("\n", stepped) + "\n", again.out(), "every line of a recording whose clock stepped back");
    }

    private static JsonNode socket(JsonNode process, int localPort, int remotePort) {
        for (JsonNode s : process.get("sockets")) {
            if (s.get("local_port").asInt() == localPort && s.get("remote_port").asInt() == remotePort) {
                return s;
            }
        }
        throw new AssertionError("no socket " + localPort + " -> " + remotePort + " in " + process);
    }

    /** A recorded line less what only a recording carries. */
    private static JsonNode withoutRecordingFields(JsonNode line) {
        ObjectNode copy = line.deepCopy();
        copy.remove(List.of("netns", "history"));
        for (String list : new String[] {"processes", "containers", "hosts", "users"}) {
            copy.get(list).forEach(n -> ((ObjectNode) n).remove(List.of("history", "start_time")));
        }
        return copy;
    }

    @Test
    void damagedAndForeignRecordingsSayWhereAndWhy() throws Exception {
        Path file = dir.resolve("run.jsonl");
        MainTest.Result run = MainTest.run("--json", "--count", "3", "--interval", "100ms", "--record", file.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());

        Path cut = Files.writeString(dir.resolve("cut.jsonl"), lines.get(0) + "\n" + lines.get(1) + "\n"
                + lines.get(2).substring(0, 100));
        MainTest.Result r = MainTest.run("--replay", cut.toString(), "--json");
        assertEquals(1, r.status(), "not every line could be replayed");
        assertEquals(lines.get(0) + "\n" + lines.get(1) + "\n", r.out(), "up to the bad line, exactly");
        assertTrue(r.err().contains("replayed 2 samples (to line 2), then stopped at line 3: not JSON"), r.err());

        Path corrupt = Files.writeString(dir.resolve("corrupt.jsonl"), lines.get(0) + "\n\u0001garbage\u001b[2J\n" + lines.get(2) + "\n");
        r = MainTest.run("--replay", corrupt.toString(), "--json");
        assertEquals(lines.get(0) + "\n", r.out());
        assertTrue(r.err().contains("stopped at line 2") && !r.err().contains("\u001b"), "said, and no escape reaches stderr: " + r.err());

        Path wrongField = Files.writeString(dir.resolve("field.jsonl"), lines.get(0) + "\n"
                + lines.get(1).replace("\"sequence\":", "\"sequence\":-") + "\n" + lines.get(2) + "\n");
        r = MainTest.run("--replay", wrongField.toString(), "--json");
        assertEquals(1, r.status());
        assertEquals(lines.get(0) + "\n", r.out(), "a line of JSON whose fields are wrong ends it too");
        assertTrue(r.err().contains("replayed 1 samples (to line 1), then stopped at line 2: sequence"), r.err());

        Path blanks = Files.writeString(dir.resolve("blanks.jsonl"), lines.get(0) + "\n\n" + lines.get(1) + "\r\n  \n"
                + lines.get(2) + "\n\n\n");
        r = MainTest.run("--replay", blanks.toString(), "--json");
        assertEquals(0, r.status(), "empty lines hold no sample and end nothing: " + r.err());
        assertEquals(String.join("\n", lines) + "\n", r.out());

        Path newer = Files.writeString(dir.resolve("newer.jsonl"), lines.get(0).replace("\"sstop/1\"", "\"sstop/2\"") + "\n");
        r = MainTest.run("--replay", newer.toString(), "--json");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("schema sstop/2") && r.err().contains("reads sstop/1"), r.err());

        r = MainTest.run("--replay", dir.resolve("missing.jsonl").toString(), "--json");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("cannot read the recording"), r.err());

        Path gzFile = dir.resolve("g.jsonl.gz");
        run = MainTest.run("--csv", "--count", "2", "--interval", "100ms", "--record", gzFile.toString());
        assertEquals(0, run.status(), run.err());
        byte[] whole = Files.readAllBytes(gzFile);
        Path gzCut = Files.write(dir.resolve("gcut.jsonl.gz"), Arrays.copyOf(whole, whole.length - 12));
        r = MainTest.run("--replay", gzCut.toString(), "--json");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("the compressed data ends early"), r.err());
        assertTrue(r.out().lines().count() >= 1, "what was decodable is replayed: " + r.err());
    }
}
