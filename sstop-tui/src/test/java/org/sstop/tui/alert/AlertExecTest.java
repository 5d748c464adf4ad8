package org.sstop.tui.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.tui.testing.Fixtures;

/**
 * The alert command, run for real: a small script file run as an argument list (no shell
 * string), its environment, its arguments passed verbatim, the timeout that kills it, the bound
 * on runs at once, and that {@link AlertExec#run} never waits.
 */
class AlertExecTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to run the test's script file");
    }

    /** An executable script file (run by its #! line, as argv[0]: no shell command string anywhere). */
    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    static Breach breach(String name) {
        ProcessStats p = Fixtures.process(4242, name, "/usr/bin/" + name + " --big", 12.5 * 1024 * 1024, 2048,
                ProcessState.RUNNING, List.of());
        return Breach.of(AlertRuleTest.parse("up>10M for 5s"), p, Duration.ofMillis(5200));
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 500 && !Files.exists(file.resolveSibling(file.getFileName() + ".done")); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void theBreachArrivesInTheEnvironmentAndArgumentsArriveVerbatim() throws Exception {
        Path out = dir.resolve("env.txt");
        Path s = script("dump", "env > '" + out + "'\nprintf '%s\\n' \"$@\" > '" + out + ".args'\n"
                + "read line; echo \"stdin:$?\" >> '" + out + "'\ntouch '" + out + ".done'");
        try (AlertExec exec = new AlertExec(List.of(s.toString(), "a b; rm -rf /", "$(id)", "-x"), Duration.ofSeconds(5), false)) {
            assertTrue(exec.run(breach(Fixtures.HOSTILE)));
            waitFor(out);
        }
        List<String> env = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertTrue(env.contains("SSTOP_ALERT_RULE=up>10M for 5s"), env.toString());
        assertTrue(env.contains("SSTOP_PID=4242"), env.toString());
        assertTrue(env.contains("SSTOP_UP_BPS=13107200"), env.toString());
        assertTrue(env.contains("SSTOP_DOWN_BPS=2048"), env.toString());
        assertTrue(env.contains("SSTOP_USER=root"), env.toString());
        assertTrue(env.contains("SSTOP_CONTAINER="), env.toString());
        assertTrue(env.contains("SSTOP_HELD_MS=5200"), env.toString());
        String name = env.stream().filter(l -> l.startsWith("SSTOP_NAME=")).findFirst().orElseThrow();
        assertFalse(name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)), "sanitized: " + name);
        assertTrue(name.contains("evil"), name);
        assertTrue(env.contains("stdin:1"), "stdin is closed: read meets end of file at once " + env);
        assertEquals(List.of("a b; rm -rf /", "$(id)", "-x"), Files.readAllLines(Path.of(out + ".args")),
                "each argument as given: no splitting, no expansion");
    }

    @Test
    void aCommandThatOutlivesTheTimeoutIsKilledWithWhatItStarted() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path s = script("hang", "sleep 60 &\necho $! > '" + pidFile + "'\nwait");
        long start = System.nanoTime();
        try (AlertExec exec = new AlertExec(List.of(s.toString()), Duration.ofMillis(300), false)) {
            assertTrue(exec.run(breach("x")));
            for (int i = 0; i < 500 && exec.finished() == 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(1, exec.killed(), "killed at the timeout");
            assertEquals(1, exec.finished());
        }
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "not the 60 s it wanted");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 200 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(10);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "its child (sleep) is gone too");
    }

    @Test
    void atMostFourRunAtOnceAndRunNeverWaits() throws Exception {
        Path s = script("slow", "sleep 2");
        try (AlertExec exec = new AlertExec(List.of(s.toString()), Duration.ofMillis(500), false)) {
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += exec.run(breach("p" + i)) ? 1 : 0;
            }
            long took = System.nanoTime() - start;
            assertEquals(AlertExec.MAX_RUNNING, accepted);
            assertEquals(10 - AlertExec.MAX_RUNNING, exec.dropped());
            assertTrue(took < 200_000_000L, "handing over took " + took / 1_000_000 + " ms");
        }
    }

    @Test
    void aProgramThatCannotStartIsCountedNotThrown() throws Exception {
        try (AlertExec exec = new AlertExec(List.of(dir.resolve("missing").toString()), Duration.ofSeconds(1), false)) {
            assertTrue(exec.run(breach("x")));
            for (int i = 0; i < 300 && exec.failed() == 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(1, exec.failed());
        }
    }
}
