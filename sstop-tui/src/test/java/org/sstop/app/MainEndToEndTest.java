package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.tui.text.Sanitizer;

/**
 * The real {@link Main} in this JVM against the real backends found on the class path (netlink,
 * procfs): the JSON and CSV it prints, {@code --backends} and {@code --source}.
 */
class MainEndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PID = (int) ProcessHandle.current().pid();

    @BeforeEach
    void linuxOnly() {
        CiAssume.that(Host.isLinux(), "the Linux backends need Linux");
    }

    @Test
    void jsonLinesCarryTheSchemaAndOwnLoopbackTraffic() throws Exception {
        int payload = 1 << 20;
        LineCountingStream out = new LineCountingStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                    new String[] {"--json", "--count", "3", "--interval", "100ms"}, out,
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, false));
            // Move the bytes after the first line, so after the baseline: they must all be counted.
            assertTrue(out.firstLine.await(30, TimeUnit.SECONDS), "first line");
            // Both sockets stay open and established while sstop samples. (A half-closed socket
            // whose peer closed goes to TIME_WAIT while its fd is still open: its last counters
            // then come with the close notification when the fd is closed, not before.)
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> readExactly(accepted, payload));
            OutputStream o = client.getOutputStream();
            o.write(new byte[payload]);
            o.flush();
            assertEquals(payload, received.get(30, TimeUnit.SECONDS));
            assertEquals(0, status.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        }
        List<JsonNode> lines = parseLines(out.toString(StandardCharsets.UTF_8));
        assertEquals(3, lines.size());
        for (JsonNode line : lines) {
            assertSchema(line);
        }
        assertEquals(100, lines.get(0).get("interval_ms").asInt());
        assertTrue(lines.get(1).get("sequence").asLong() > lines.get(0).get("sequence").asLong());
        JsonNode self = process(lines.get(2), PID);
        assertNotNull(self, "this JVM (pid " + PID + ") is in the last sample: " + lines.get(2));
        // Loopback counts for the processes on both ends: this JVM is both.
        assertTrue(self.get("up_bytes").asLong() >= payload, self.toString());
        assertTrue(self.get("down_bytes").asLong() >= payload, self.toString());
        assertTrue(self.get("cmdline").asText().contains("java") || self.get("name").asText().contains("java"),
                self.toString());
    }

    @Test
    void csvHasTheHeaderAndThisProcess() throws Exception {
        LineCountingStream out = new LineCountingStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int status = Main.run(new String[] {"--csv", "--once", "--interval", "100ms"}, out,
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        }
        String[] rows = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(CsvWriter.HEADER, rows[0]);
        boolean found = false;
        for (int i = 1; i < rows.length; i++) {
            List<String> cells = CsvWriterTest.parse(rows[i]);
            assertEquals(23, cells.size(), rows[i]);
            if (cells.get(1).equals(Integer.toString(PID))) {
                found = true;
                assertTrue(Integer.parseInt(cells.get(11)) >= 1, "listening socket counted: " + rows[i]);
            }
        }
        assertTrue(found, "this JVM with its listening socket: " + String.join("\n", rows));
    }

    @Test
    void backendsListEveryProviderAndTheSelection() throws Exception {
        MainTest.Result table = MainTest.run("--backends");
        assertEquals(0, table.status(), table.err());
        assertTrue(table.out().startsWith("SERVICE"), table.out());
        assertTrue(table.out().contains("linux-netlink"), table.out());

        MainTest.Result json = MainTest.run("--backends", "--json");
        assertEquals(0, json.status(), json.err());
        JsonNode n = MAPPER.readTree(json.out());
        List<String> services = new ArrayList<>();
        n.get("services").forEach(s -> services.add(s.get("name").asText()));
        assertEquals(List.of("sockets", "processes", "interfaces", "flows", "counters"), services);
        JsonNode sockets = n.get("services").get(0);
        assertFalse(sockets.get("selected").isNull(), "a socket source is selected here");
        int selected = 0;
        for (JsonNode p : sockets.get("providers")) {
            assertTrue(p.has("priority") && p.has("available") && p.has("reason"), p.toString());
            selected += p.get("selected").asBoolean() ? 1 : 0;
        }
        assertEquals(1, selected);
        List<String> names = new ArrayList<>();
        sockets.get("providers").forEach(p -> names.add(p.get("name").asText()));
        assertTrue(names.containsAll(List.of("linux-netlink", "linux-procfs")), names.toString());
    }

    @Test
    void sourceForcesTheSocketSource() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--json", "--once", "--interval", "100ms", "--source", "linux-procfs"}, out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals("linux-procfs", MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).get("sources").get("sockets").asText());
    }

    @Test
    void backendForcesOrTurnsOffAService() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--json", "--once", "--interval", "100ms", "--backend", "sockets=linux-procfs",
            "--backend", "flows=none", "--backend", "counters=none"}, out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        JsonNode sources = MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).get("sources");
        assertEquals("linux-procfs", sources.get("sockets").asText());
        assertTrue(sources.get("flows").isNull() && sources.get("counters").isNull(), sources.toString());
        MainTest.Result r = MainTest.run("--json", "--backend", "counters=no-such-counter");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("sstop: ") && r.err().contains("no-such-counter"), r.err());
    }

    @Test
    void unknownOrUnavailableSourceListsTheAvailableOnesAndExitsTwo() {
        for (String source : new String[] {"no-such-source", "macos-netstat"}) {
            MainTest.Result r = MainTest.run("--json", "--source", source);
            assertEquals(2, r.status(), r.err());
            assertEquals(1, r.err().split("\n").length, r.err());
            assertTrue(r.err().startsWith("sstop: ") && r.err().contains(source), r.err());
            assertTrue(r.err().contains("available: ") && r.err().contains("linux-netlink"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aProcessNamedWithEscapeSequencesComesOutEscaped() throws Exception {
        CiAssume.that(Host.onPath("python3"), "python3 is installed (.ci/run installs it)");
        String hostile = "\u001b]0;x\u0007\u001b[2J"; // ESC ] 0;x BEL  ESC [ 2 J: 10 bytes, fits comm
        // A real process renames itself (comm) and listens, so it appears in processes and listen.
        Process python = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket,sys",
                "open('/proc/self/comm','w').write('\\x1b]0;x\\x07\\x1b[2J')",
                "s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen()",
                "print(s.getsockname()[1], flush=True)",
                "sys.stdin.read()")).start();
        try {
            int port = Integer.parseInt(new java.io.BufferedReader(new java.io.InputStreamReader(
                    python.getInputStream(), StandardCharsets.UTF_8)).readLine().strip());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new String[] {"--json", "--once", "--interval", "100ms"}, json,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false));
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new String[] {"--csv", "--once", "--interval", "100ms"}, csv,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false));

            String line = json.toString(StandardCharsets.UTF_8).strip();
            assertFalse(line.chars().anyMatch(Sanitizer::isUnsafe), "no raw control character in the JSON");
            JsonNode process = process(MAPPER.readTree(line), (int) python.pid());
            assertNotNull(process, line);
            assertEquals(hostile, process.get("name").asText(), "exact after parsing");
            assertTrue(line.contains("\"name\":\"\\u001B]0;x\\u0007\\u001B[2J\""), line);
            boolean listed = false;
            for (JsonNode l : MAPPER.readTree(line).get("listen")) {
                if (l.get("port").asInt() == port) {
                    listed = true;
                    assertEquals(hostile, l.get("name").asText());
                }
            }
            assertTrue(listed, "listener on " + port);

            String rows = csv.toString(StandardCharsets.UTF_8);
            assertFalse(rows.chars().anyMatch(c -> c != '\n' && Sanitizer.isUnsafe(c)), "no raw control character in the CSV");
            assertTrue(rows.contains("," + python.pid() + ",\\e]0;x\\a\\e[2J,"), rows);
        } finally {
            python.destroy();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }


    static void assertSchema(JsonNode n) {
        assertEquals(JsonLinesWriter.SCHEMA, n.get("schema").asText());
        assertTrue(n.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), n.get("time").asText());
        assertTrue(n.get("interval_ms").isIntegralNumber());
        for (String s : new String[] {"sockets", "processes", "interfaces"}) {
            assertTrue(n.get("sources").has(s), s);
        }
        assertFalse(n.get("sources").get("sockets").isNull());
        assertTraffic(n.get("totals"));
        assertTraffic(n.get("unattributed"));
        for (JsonNode p : n.get("processes")) {
            for (String f : new String[] {"pid", "ppid", "name", "cmdline", "user", "state", "connections", "listening", "trend"}) {
                assertTrue(p.has(f), f + " in " + p);
            }
            assertTraffic(p);
        }
        for (JsonNode h : n.get("hosts")) {
            for (String f : new String[] {"address", "name", "up_rate", "down_rate", "connections", "pids"}) {
                assertTrue(h.has(f), f + " in " + h);
            }
        }
        for (JsonNode l : n.get("listen")) {
            for (String f : new String[] {"protocol", "address", "port", "pid", "name"}) {
                assertTrue(l.has(f), f + " in " + l);
            }
        }
        assertTrue(n.get("interfaces").size() > 0, "at least lo");
        for (JsonNode i : n.get("interfaces")) {
            assertTrue(i.has("name"));
            assertTraffic(i);
        }
    }

    private static void assertTraffic(JsonNode n) {
        for (String f : new String[] {"up_rate", "down_rate", "up_bytes", "down_bytes"}) {
            assertTrue(n.get(f).isIntegralNumber() && n.get(f).asLong() >= 0, f + " in " + n);
        }
    }

    static List<JsonNode> parseLines(String text) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    static JsonNode process(JsonNode line, int pid) {
        for (JsonNode p : line.get("processes")) {
            if (p.get("pid").asInt() == pid) {
                return p;
            }
        }
        return null;
    }

    /** Reads exactly n bytes without closing the socket. */
    private static int readExactly(Socket socket, int n) {
        try {
            return socket.getInputStream().readNBytes(n).length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Collects output and signals the first complete line. */
    static final class LineCountingStream extends ByteArrayOutputStream {
        final CountDownLatch firstLine = new CountDownLatch(1);

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    firstLine.countDown();
                }
            }
        }

        @Override
        public synchronized void write(int b) {
            super.write(b);
            if (b == '\n') {
                firstLine.countDown();
            }
        }
    }
}
