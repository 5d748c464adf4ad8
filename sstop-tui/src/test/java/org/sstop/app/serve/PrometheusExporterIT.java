package org.sstop.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.testkit.CiAssume;

/**
 * The exporter as an operator runs it: the shaded jar with {@code --serve}, a real Prometheus
 * scraping it every second (which asks for OpenMetrics, so its strict parser checks that format),
 * {@code promtool check metrics} on the Prometheus text format, and a process moving a known
 * number of bytes whose counter, read back through Prometheus' query API, must match within 1 %.
 */
class PrometheusExporterIT {

    private static final long BYTES = 8_000_000;
    private static final Pattern SERVING = Pattern.compile("serving metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void prometheusScrapesTheExactBytesOfAKnownProcess(@TempDir Path dir) throws Exception {
        String jar = System.getProperty("sstop.jar");
        CiAssume.that(jar != null && Files.isRegularFile(Path.of(jar)), "the shaded jar is built by mvn package");
        CiAssume.linux();
        CiAssume.onPath("prometheus");
        CiAssume.onPath("promtool");
        CiAssume.onPath("python3");
        List<Process> started = new ArrayList<>();
        try (ServerSocket sink = new ServerSocket()) {
            sink.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path sstopErr = dir.resolve("sstop.err");
            Process sstop = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar, "--serve", "127.0.0.1:0", "--interval", "500ms")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(sstopErr.toFile()).start();
            started.add(sstop);
            int port = awaitPort(sstopErr, sstop);
            String metrics = "http://127.0.0.1:" + port + "/metrics";
            awaitStatus("http://127.0.0.1:" + port + "/healthz", 200);

            checkWithPromtool(metrics, dir);
            HttpResponse<String> om = get(metrics, "application/openmetrics-text; version=1.0.0");
            assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", om.headers().firstValue("Content-Type").orElse(""));
            assertTrue(om.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");

            int promPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                promPort = probe.getLocalPort();
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                    + "scrape_configs:\n  - job_name: sstop\n    static_configs:\n      - targets: ['127.0.0.1:" + port + "']\n");
            String prometheus = "http://127.0.0.1:" + promPort;
            started.add(new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start());
            awaitStatus(prometheus + "/-/ready", 200);

            // The known process: python3 connects, waits for sstop to see it, sends BYTES, and stays.
            Process sender = new ProcessBuilder("python3", "-c", "import socket,sys,time\n"
                    + "s=socket.create_connection(('127.0.0.1'," + sink.getLocalPort() + "))\n"
                    + "time.sleep(1.5)\ns.sendall(b'x'*" + BYTES + ")\ns.shutdown(socket.SHUT_WR)\ns.recv(1)\n"
                    + "print('DONE',flush=True)\ntime.sleep(120)\n").redirectErrorStream(true).start();
            started.add(sender);
            long received;
            try (Socket s = sink.accept(); InputStream in = s.getInputStream()) {
                received = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertEquals(BYTES, received, "the sink got every byte");

            String query = "sstop_process_sent_bytes_total{pid=\"" + sender.pid() + "\"}";
            double seen = Double.NaN;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                seen = queryValue(prometheus, query);
                if (Math.abs(seen - BYTES) <= BYTES * 0.01) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(Math.abs(seen - BYTES) <= BYTES * 0.01, query + " = " + seen + ", the process sent " + BYTES);
            System.out.printf("prometheus: %s = %.0f, moved %d (%.3f %% off)%n", query, seen, BYTES, 100 * (seen - BYTES) / BYTES);

            JsonNode target = json.readTree(get(prometheus + "/api/v1/targets", "*/*").body()).path("data").path("activeTargets").get(0);
            assertEquals("up", target.path("health").asText(), target.toString());
            assertEquals("", target.path("lastError").asText(), "Prometheus parsed every scrape: " + target);
            assertEquals(1.0, queryValue(prometheus, "up{job=\"sstop\"}"));
            // A unit comes only from an OpenMetrics # UNIT line: Prometheus asked for, and parsed, OpenMetrics.
            JsonNode meta = json.readTree(get(prometheus + "/api/v1/targets/metadata?metric=sstop_process_sent_bytes", "*/*").body())
                    .path("data").get(0);
            assertEquals("bytes", meta.path("unit").asText(), meta.toString());
            assertEquals("counter", meta.path("type").asText(), meta.toString());
            assertTrue(meta.path("help").asText().contains("pid=\"other\""), "the escaped quotes of HELP read back: " + meta);
            assertTrue(queryValue(prometheus, "sstop_samples_total") >= 2);
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** promtool's linter on the Prometheus text format (it reads no OpenMetrics). */
    private void checkWithPromtool(String metrics, Path dir) throws Exception {
        Path text = dir.resolve("metrics.txt");
        HttpResponse<String> r = get(metrics, "text/plain; version=0.0.4");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        Files.writeString(text, r.body());
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(text.toFile())
                .redirectErrorStream(true).start();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, promtool.exitValue(), "promtool check metrics: " + out + "\n" + r.body());
        assertEquals("", out.strip(), "no lint findings");
        assertTrue(r.body().contains("sstop_process_sent_bytes_total{pid=\"other\"}"), r.body());
    }

    private double queryValue(String prometheus, String query) throws Exception {
        HttpResponse<String> r = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "*/*");
        JsonNode result = json.readTree(r.body()).path("data").path("result");
        return result.size() == 1 ? result.get(0).path("value").get(1).asDouble() : Double.NaN;
    }

    private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String url, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get(url, "*/*");
                if (r.statusCode() == status) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " never answered " + status + ": " + last);
    }

    private static int awaitPort(Path err, Process sstop) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(err));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(sstop.isAlive(), "sstop ended: " + Files.readString(err));
            Thread.sleep(100);
        }
        throw new AssertionError("sstop never said where it serves: " + Files.readString(err));
    }
}
