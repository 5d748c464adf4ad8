package org.sstop.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sstop.core.NetMonitor;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.ReadmeExample;

/** The README's Micrometer example: compiled here, run against the real backends, and its text checked against the README. */
class SstopMetricsReadmeTest {

    private static final Path SOURCE = Path.of("src/test/java/org/sstop/micrometer/SstopMetricsReadmeTest.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void exampleRunsAndPrintsTheCounters() throws Exception {
        CiAssume.linux();
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("host sent "), out);
        assertTrue(out.contains("other (the rest): "), "the other series is always there: " + out);
    }

    private static void example() throws Exception {
        // README begin
        MeterRegistry registry = new SimpleMeterRegistry(); // or your Prometheus, OTLP, JMX ... registry
        try (NetMonitor monitor = NetMonitor.builder().build();
                SstopMetrics metrics = new SstopMetrics(monitor)) {
            metrics.bindTo(registry);
            monitor.start();
            Thread.sleep(3000);
            System.out.println("host sent " + registry.get("sstop.sent").functionCounter().count() + " bytes");
            for (FunctionCounter c : registry.find("sstop.process.sent").functionCounters()) {
                String pid = c.getId().getTag("pid");
                System.out.println(pid.equals("other") ? "other (the rest): " + c.count()
                        : pid + " " + c.getId().getTag("name") + ": " + c.count());
            }
        } // closing the binder removes its meters and its listener; then the monitor closes
        // README end
    }

    @Test
    void readmeShowsExactlyThisExample() throws Exception {
        CiAssume.that(Files.isRegularFile(SOURCE) && Files.isRegularFile(README), "run from the sstop-micrometer module directory");
        ReadmeExample.assertQuoted(README, "SstopMetricsReadmeTest", SOURCE);
    }
}
