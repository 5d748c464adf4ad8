package org.sstop.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.Visibility;

/** The HTTP side: paths, methods, formats, gzip, health, and 50 scrapers at once. */
class MetricsServerTest {

    private static final Pattern SAMPLES = Pattern.compile("(?m)^sstop_samples_total (\\d+)$");

    /** A busy host: {@code n} processes (a few with hostile names) and 250 remote hosts, totals growing with {@code i}. */
    static Snapshot busy(int n, int i) {
        List<ProcessStats> ps = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            double rate = ((p * 7919L + i * 104729L) % 100_000) * 10.0;
            long up = (long) i * (p + 1) * 1000;
            String name = p % 100 == 7 ? "evil\u001b[2J\"}\n" + p : "proc" + p;
            ps.add(new ProcessStats(1000 + p, 1, name, "/usr/bin/proc --flag", "user" + p % 7, p, ProcessState.RUNNING, null,
                    new Traffic(rate, rate / 2, up, up / 2, 1000L * (p + 1), 500L * (p + 1)), 2, 1, Trend.STABLE,
                    RateHistory.EMPTY, List.of(), 0, null));
        }
        List<HostStats> hosts = new ArrayList<>();
        for (int h = 0; h < 250; h++) {
            hosts.add(new HostStats(IpAddress.parse("93.184.216." + h), null, new Traffic(h, h, (long) i * h, (long) i * h), 8,
                    List.of(1000 + h), Trend.STABLE, RateHistory.EMPTY));
        }
        return new Snapshot(i, Instant.EPOCH, Duration.ofSeconds(1), Duration.ofSeconds(1), new BackendReport(List.of()),
                new Attribution(new Traffic(0, 0, i * 10_000L, i * 20_000L), Traffic.ZERO, Map.of(), Traffic.ZERO, Map.of()),
                Attribution.NONE, Coverage.NONE, ps, hosts, List.of(),
                List.of(new InterfaceStats("eth0", new Traffic(1, 2, i * 3L, i * 4L), false, true)),
                RateHistory.EMPTY, Trend.STABLE, Visibility.FULL, List.of());
    }

    private static MetricsServer start(Duration interval) throws IOException {
        return MetricsServer.start(new ServeAddress(InetAddress.getLoopbackAddress(), 0), interval);
    }

    private static HttpResponse<byte[]> get(HttpClient client, String url, String method, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> r) throws IOException {
        byte[] bytes = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void pathsMethodsFormatsGzipAndHealth() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (MetricsServer server = start(Duration.ofSeconds(1));
                MetricsExporter exporter = new MetricsExporter(server, 5, null)) {
            String base = "http://" + ServeAddress.hostAndPort(server.address());
            assertTrue(server.metricsUrl().startsWith("http://127.0.0.1:"), server.metricsUrl());
            assertEquals(503, get(client, base + "/healthz", "GET").statusCode(), "no sample yet");
            HttpResponse<byte[]> empty = get(client, base + "/metrics", "GET", "Accept", "application/openmetrics-text");
            assertEquals("# EOF\n", body(empty), "before the first sample: a valid, empty exposition");

            exporter.write(busy(20, 1), Duration.ofMillis(3));
            assertEquals(200, get(client, base + "/healthz", "GET").statusCode());
            HttpResponse<byte[]> text = get(client, base + "/metrics", "GET");
            assertEquals("text/plain; version=0.0.4; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(body(text).contains("# TYPE sstop_process_sent_bytes_total counter\n"));
            HttpResponse<byte[]> om = get(client, base + "/metrics", "GET", "Accept", "application/openmetrics-text; version=1.0.0",
                    "Accept-Encoding", "gzip");
            assertEquals("gzip", om.headers().firstValue("Content-Encoding").orElseThrow());
            assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", om.headers().firstValue("Content-Type").orElseThrow());
            String omText = body(om);
            assertTrue(omText.contains("# TYPE sstop_process_sent_bytes counter\n# UNIT sstop_process_sent_bytes bytes\n"), omText);
            assertTrue(omText.endsWith("# EOF\n"));
            assertTrue(om.body().length < omText.length() / 3, "compressed");
            assertEquals("Accept, Accept-Encoding", om.headers().firstValue("Vary").orElseThrow());

            HttpResponse<byte[]> head = get(client, base + "/metrics", "HEAD");
            assertEquals(200, head.statusCode());
            assertEquals(0, head.body().length);
            assertEquals(405, get(client, base + "/metrics", "POST").statusCode());
            assertEquals("GET, HEAD", get(client, base + "/metrics", "DELETE").headers().firstValue("Allow").orElseThrow());
            assertEquals(404, get(client, base + "/metricsx", "GET").statusCode());
            assertEquals(404, get(client, base + "/metrics/../etc/passwd", "GET").statusCode());
            assertEquals(200, get(client, base + "/", "GET").statusCode());
        }
    }

    @Test
    void keepAliveScrapesDoNotWaitForDelayedAcks() throws Exception {
        // Without TCP_NODELAY each scrape on a kept-alive connection took 40 ms (Nagle against
        // the scraper's delayed ACK): the median tells that apart from a loaded machine's outliers.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (MetricsServer server = start(Duration.ofSeconds(1)); MetricsExporter exporter = new MetricsExporter(server, 50, null)) {
            exporter.write(busy(200, 1), Duration.ZERO);
            long[] nanos = new long[31];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                assertEquals(200, get(client, server.metricsUrl(), "GET").statusCode());
                nanos[i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(nanos);
            assertTrue(nanos[nanos.length / 2] < TimeUnit.MILLISECONDS.toNanos(25), "median scrape " + nanos[nanos.length / 2] / 1e6 + " ms");
        }
    }

    @Test
    void aDefectInTheMetricsDoesNotEndTheOutputBesideIt() throws Exception {
        List<Snapshot> written = new ArrayList<>();
        org.sstop.app.SnapshotWriter json = new org.sstop.app.SnapshotWriter() {
            @Override
            public void write(Snapshot snapshot) {
                written.add(snapshot);
            }

            @Override
            public void close() {
            }
        };
        HttpClient client = HttpClient.newHttpClient();
        try (MetricsServer server = start(Duration.ofSeconds(1)); MetricsExporter exporter = new MetricsExporter(server, 5, json)) {
            exporter.write(busy(3, 1), Duration.ZERO);
            // A process without traffic figures: the metrics cannot be made of it.
            Snapshot broken = busy(3, 2);
            List<ProcessStats> ps = new ArrayList<>(broken.processes());
            ps.add(new ProcessStats(9, 1, "x", "", "", 1, ProcessState.RUNNING, null, null, 0, 0, Trend.STABLE,
                    RateHistory.EMPTY, List.of()));
            exporter.write(new Snapshot(2, Instant.EPOCH, Duration.ofSeconds(1), Duration.ofSeconds(1), broken.backends(),
                    broken.external(), broken.loopback(), broken.coverage(), ps, broken.hosts(), List.of(), broken.interfaces(),
                    RateHistory.EMPTY, Trend.STABLE, Visibility.FULL), Duration.ZERO);
            assertEquals(2, written.size(), "the JSON writer got both samples");
            assertTrue(body(get(client, server.metricsUrl(), "GET")).contains("sstop_samples_total 1\n"), "the last good exposition stays");
        }
    }

    @Test
    void clientsSendingHalfARequestCannotHoldTheServer() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<java.net.Socket> slow = new ArrayList<>();
        try (MetricsServer server = start(Duration.ofSeconds(1))) {
            for (int i = 0; i < MetricsServer.THREADS + 2; i++) {
                java.net.Socket s = new java.net.Socket(server.address().getAddress(), server.address().getPort());
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep(300); // every pool thread now waits for the rest of a request
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = get(client, server.metricsUrl(), "GET"); // 10 s timeout
            assertEquals(200, r.statusCode());
            double waited = (System.nanoTime() - t0) / 1e9;
            assertTrue(waited < MetricsServer.REQUEST_TIMEOUT.toSeconds() + 3, "waited " + waited + " s");
            assertEquals(-1, slow.get(0).getInputStream().read(), "a half request is closed after the timeout");
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aScrapeAmongAFewHalfRequestsIsAnsweredBeforeTheyTimeOut() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<java.net.Socket> slow = new ArrayList<>();
        try (MetricsServer server = start(Duration.ofSeconds(1))) {
            for (int i = 0; i < 8; i++) { // more than a small pool has threads, far fewer than this one
                java.net.Socket s = new java.net.Socket(server.address().getAddress(), server.address().getPort());
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep(300);
            assertEquals(200, get(client, server.metricsUrl(), "GET").statusCode());
            slow.get(0).setSoTimeout(100);
            assertThrows(java.net.SocketTimeoutException.class, () -> slow.get(0).getInputStream().read(),
                    "answered while the half requests still wait, not when the request timer closes them all");
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void healthSaysStalledWhenSamplesStop() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (MetricsServer server = start(Duration.ofMillis(100))) {
            server.publish(List.of(), System.nanoTime() - TimeUnit.SECONDS.toNanos(10));
            HttpResponse<byte[]> r = get(client, "http://" + ServeAddress.hostAndPort(server.address()) + "/healthz", "GET");
            assertEquals(503, r.statusCode());
            assertTrue(body(r).startsWith("stalled: last sample 10 s ago"), body(r));
        }
    }

    @Test
    void fiftyConcurrentScrapersMissNoSampleAndGetNoError() throws Exception {
        int scrapers = 50;
        long runNanos = TimeUnit.SECONDS.toNanos(60); // the case: 60 s
        Duration interval = Duration.ofMillis(200);
        try (MetricsServer server = start(interval); MetricsExporter exporter = new MetricsExporter(server, 50, null)) {
            String url = server.metricsUrl();
            exporter.write(busy(2000, 1), Duration.ZERO);
            long end = System.nanoTime() + runNanos;
            AtomicLong published = new AtomicLong(1);
            AtomicLong worstGap = new AtomicLong();
            AtomicReference<Throwable> samplerFailure = new AtomicReference<>();
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            Thread sampler = new Thread(() -> {
                try {
                    // The first sample stays until a scraper saw it (starting 50 HTTP clients on a
                    // loaded machine can take longer than one interval).
                    for (int wait = 0; wait < 300 && !seen.contains(1L); wait++) {
                        Thread.sleep(100);
                    }
                    long last = System.nanoTime();
                    // Samples end half a second before the scrapers do, so that each is scraped.
                    for (int i = 2; System.nanoTime() < end - TimeUnit.MILLISECONDS.toNanos(500); i++) {
                        Thread.sleep(interval.toMillis());
                        exporter.write(busy(2000, i), Duration.ofMillis(5));
                        published.set(i);
                        long now = System.nanoTime();
                        worstGap.accumulateAndGet(now - last, Math::max);
                        last = now;
                    }
                } catch (Throwable t) {
                    samplerFailure.set(t);
                }
            }, "test-sampler");
            List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicLong scrapes = new AtomicLong();
            AtomicLong worstLatency = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < scrapers; s++) {
                int id = s;
                threads.add(new Thread(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    long previous = 0;
                    // Bounded: at most one scrape per 100 ms for the run.
                    for (int k = 0; k < 1000 && System.nanoTime() < end; k++) {
                        try {
                            boolean om = (id + k) % 2 == 0;
                            long t0 = System.nanoTime();
                            HttpResponse<byte[]> r = get(client, url, "GET", "Accept", om ? "application/openmetrics-text" : "text/plain",
                                    "Accept-Encoding", k % 3 == 0 ? "gzip" : "identity");
                            worstLatency.accumulateAndGet(System.nanoTime() - t0, Math::max);
                            String text = body(r);
                            Matcher m = SAMPLES.matcher(text);
                            if (r.statusCode() != 200 || !m.find() || (om && !text.endsWith("# EOF\n"))) {
                                errors.add("scraper " + id + ": " + r.statusCode() + " " + text.length() + " chars");
                                continue;
                            }
                            long sample = Long.parseLong(m.group(1));
                            if (sample < previous) {
                                errors.add("scraper " + id + ": sample " + sample + " after " + previous);
                            }
                            previous = sample;
                            seen.add(sample);
                            scrapes.incrementAndGet();
                            Thread.sleep(100);
                        } catch (Exception e) {
                            errors.add("scraper " + id + ": " + e);
                        }
                    }
                }, "test-scraper-" + s));
            }
            sampler.start();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(TimeUnit.NANOSECONDS.toMillis(runNanos) + 30_000);
            }
            sampler.join(30_000);
            assertEquals(null, samplerFailure.get());
            assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), errors.size() + " errors");
            long last = published.get();
            for (long i = 1; i <= last; i++) {
                assertTrue(seen.contains(i), "sample " + i + " of " + last + " was never served");
            }
            assertTrue(worstGap.get() < TimeUnit.SECONDS.toNanos(1), "the sampler was held up: " + worstGap.get() / 1e6 + " ms");
            System.out.printf("50 scrapers, %d s: %d scrapes, %d samples all served, worst scrape %.1f ms, worst sample gap %.1f ms%n",
                    TimeUnit.NANOSECONDS.toSeconds(runNanos), scrapes.get(), last, worstLatency.get() / 1e6, worstGap.get() / 1e6);
            assertTrue(worstLatency.get() < TimeUnit.SECONDS.toNanos(2), "a slow scrape: " + worstLatency.get() / 1e6 + " ms");
        }
    }
}
