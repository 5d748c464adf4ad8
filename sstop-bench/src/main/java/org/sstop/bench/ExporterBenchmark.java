package org.sstop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sstop.api.ContainerInfo;
import org.sstop.api.IpAddress;
import org.sstop.app.serve.MetricsExporter;
import org.sstop.app.serve.MetricsServer;
import org.sstop.app.serve.ServeAddress;
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

/**
 * One {@code --serve} scrape on a host with 2,000 processes (in 200 containers) and 250 remote
 * hosts, over loopback HTTP: {@link #sampleThenScrape} is the first scrape after a sample (the
 * sample's top-N update, the OpenMetrics rendering, the HTTP exchange), {@link #scrapeCached} any
 * further scrape of the same sample (the rendering is cached).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExporterBenchmark {

    /** Processes in the snapshot. */
    @Param({"2000"})
    public int processes;

    private Snapshot[] snapshots;
    private MetricsServer server;
    private MetricsExporter exporter;
    private HttpClient client;
    private HttpRequest request;
    private int next;

    /** Starts the server on a free loopback port and publishes a first sample. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        snapshots = new Snapshot[] {snapshot(processes, 1), snapshot(processes, 2)};
        server = MetricsServer.start(new ServeAddress(InetAddress.getLoopbackAddress(), 0), Duration.ofSeconds(1));
        exporter = new MetricsExporter(server, MetricsExporter.DEFAULT_TOP, null);
        exporter.write(snapshots[0], Duration.ZERO);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        request = HttpRequest.newBuilder(URI.create(server.metricsUrl()))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build();
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        exporter.close();
    }

    /** A new sample, then the scrape that renders it. */
    @Benchmark
    public int sampleThenScrape() throws IOException, InterruptedException {
        next ^= 1;
        exporter.write(snapshots[next], Duration.ZERO);
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /** A scrape of a sample already rendered. */
    @Benchmark
    public int scrapeCached() throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    private static Snapshot snapshot(int n, int seed) {
        List<ProcessStats> ps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double rate = ((i * 7919L * seed) % 100_000) * 10.0;
            ContainerInfo container = new ContainerInfo("docker", String.format("%064x", i / 10), "app-" + i / 10, null, null);
            ps.add(new ProcessStats(1000 + i, 1, "proc" + i, "/usr/bin/proc" + i, "user", 1000 + i, ProcessState.RUNNING, null,
                    new Traffic(rate, rate * 2, (long) rate * 60 * seed, (long) rate * 120 * seed), 2, 1, Trend.STABLE,
                    RateHistory.EMPTY, List.of(), 4026531840L, container));
        }
        ps.sort((a, b) -> Double.compare(b.traffic().totalRate(), a.traffic().totalRate()));
        List<HostStats> hosts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            hosts.add(new HostStats(IpAddress.parse("93.184.216." + i), null, new Traffic(i * seed, i, i * 100L * seed, i * 10L * seed), 8,
                    List.of(1000 + i), Trend.STABLE, RateHistory.EMPTY));
        }
        List<InterfaceStats> ifs = List.of(new InterfaceStats("eth0", new Traffic(1, 2, 3L * seed, 4L * seed), false, true),
                new InterfaceStats("lo", Traffic.ZERO, true, true));
        return new Snapshot(seed, Instant.parse("2026-11-21T20:00:00Z"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                new BackendReport(List.of()),
                new Attribution(new Traffic(1e6, 2e6, (1L << 30) * seed, (1L << 31) * seed), Traffic.ZERO, Map.of(), Traffic.ZERO, Map.of()),
                Attribution.NONE, Coverage.NONE, ps, hosts, List.of(), ifs, RateHistory.EMPTY, Trend.RISING, Visibility.FULL, List.of());
    }
}
