package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sstop.core.NetMonitor;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.ReadmeExample;
import org.sstop.testkit.Host;

/** The README's embedding example: compiled here, run against the real backends, and its text checked against the README. */
class ReadmeExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/org/sstop/app/ReadmeExampleTest.java");
    private static final Path README = Path.of("../README.md");

    @Test
    void exampleRunsAndPrintsPulledAndPushedSnapshots() throws Exception {
        CiAssume.that(Host.isLinux(), "the Linux backends need Linux");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("unattributed: Traffic["), out);
        assertTrue(out.contains("total: Traffic["), "pushed snapshots: " + out);
    }

    private static void example() throws Exception {
        // README begin
        // Pull: sample when you like. The first sample is the baseline.
        try (NetMonitor monitor = NetMonitor.builder().build()) {
            monitor.sample();
            Thread.sleep(1000);
            Snapshot snapshot = monitor.sample();
            for (ProcessStats p : snapshot.processes()) {
                System.out.printf("%d %s: up %.0f B/s, down %.0f B/s, %d bytes in all%n",
                        p.pid(), p.name(), p.traffic().upRate(), p.traffic().downRate(), p.traffic().totalBytes());
            }
            System.out.println("unattributed: " + snapshot.unattributed());
        }

        // Push: the monitor samples on its own thread ("sstop-sampler-N") and calls the listener.
        try (NetMonitor monitor = NetMonitor.builder()
                .interval(Duration.ofMillis(500))
                .listener(snapshot -> System.out.println("total: " + snapshot.totals()))
                .build()) {
            monitor.start();
            Thread.sleep(2000);
        }
        // README end
    }

    @Test
    void readmeShowsExactlyThisExample() throws Exception {
        CiAssume.that(Files.isRegularFile(SOURCE) && Files.isRegularFile(README), "run from the sstop-tui module directory");
        ReadmeExample.assertQuoted(README, "ReadmeExampleTest", SOURCE);
    }
}
