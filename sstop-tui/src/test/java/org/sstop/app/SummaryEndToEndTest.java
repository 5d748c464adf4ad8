package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/** {@code --summary} and {@code --filter} of a real headless run: the summary on stderr, stdout only JSON. */
class SummaryEndToEndTest {

    private static final int PID = (int) ProcessHandle.current().pid();

    @Test
    void theSummaryGoesToStderrAndNamesThisProcessWhileStdoutStaysJson() throws Exception {
        CiAssume.that(Host.isLinux(), "the Linux backends need Linux");
        CountDownLatch firstLine = new CountDownLatch(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                firstLine.countDown();
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                    new String[] {"--json", "--count", "8", "--interval", "200ms", "--summary", "--filter", "pid:" + PID},
                    out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false));
            // After the first line, so after the baseline: the bytes must all be counted.
            assertTrue(firstLine.await(30, TimeUnit.SECONDS), "first line");
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> drain(accepted, 4 << 20));
            client.getOutputStream().write(new byte[4 << 20]);
            client.getOutputStream().flush();
            assertEquals(4 << 20, read.get(30, TimeUnit.SECONDS));
            assertEquals(0, status.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            var node = json.readTree(line); // every line of stdout is JSON
            for (var p : node.get("processes")) {
                assertEquals(PID, p.get("pid").asInt(), "only the filtered process: " + line);
            }
        }
        String summary = err.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("sstop: top talkers over "), summary);
        assertTrue(summary.lines().anyMatch(l -> l.trim().startsWith(PID + " ")), "this JVM is listed:\n" + summary);
    }

    private static long drain(Socket s, long n) {
        try (InputStream in = s.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            long got = 0;
            while (got < n) {
                int r = in.read(buf);
                if (r < 0) {
                    break;
                }
                got += r;
            }
            return got;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
