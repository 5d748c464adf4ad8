package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --record}, {@code --replay}, {@code --speed}, {@code --seek}, {@code --connections} on the command line. */
class RecordOptionsTest {

    @TempDir
    Path dir;

    @Test
    void helpDescribesThem() {
        String flat = MainTest.run("--help").out().replaceAll("\\s+", " ");
        for (String s : new String[] {"--record=FILE", "--replay=FILE", "--speed=X", "--seek=TIME", "--connections",
            "gzip when FILE ends in .gz"}) {
            assertTrue(flat.contains(s), s + " in " + flat);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--json --speed 2                       | --speed and --seek need --replay",
        "--json --seek 10s                      | --speed and --seek need --replay",
        "--replay f --json --record g           | --replay and --record cannot be used together",
        "--replay f --serve 0                   | --replay and --serve cannot be used together",
        "--replay f --json --source linux-procfs | --replay shows a recording",
        "--replay f --json --speed 0            | --speed must be more than 0",
        "--replay f --json --speed 5000         | --speed must be more than 0 and at most 1000",
        "--replay f --json --seek yesterday     | --seek: 'yesterday' is neither",
        "--replay f --json --seek 5x            | --seek: '5x' is neither",
        "--replay f --json --filter name:curl   | --filter does not apply to --replay",
    })
    void badUsageExitsTwo(String args, String message) {
        MainTest.Result r = MainTest.run(args.split(" +"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void aReplayWithoutOutputFlagsNeedsATerminal() throws Exception {
        Path f = Files.writeString(dir.resolve("r.jsonl"), "");
        MainTest.Result r = MainTest.run("--replay", f.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("not a terminal"), r.err());
    }

    @Test
    void aFileThatCannotBeCreatedIsSaidAndExitsOne() {
        MainTest.Result r = MainTest.run("--json", "--once", "--record", dir.resolve("no/such/dir/r.jsonl").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("cannot record to"), r.err());
        assertEquals("", r.out(), "nothing sampled");
    }

    @Test
    void fileFailuresAreSaidInWordsNotJavaClassNames() {
        MainTest.Result r = MainTest.run("--json", "--once", "--record", dir.toString()); // a directory
        assertEquals(1, r.status());
        assertTrue(r.err().contains("cannot record to") && r.err().contains("Is a directory"), r.err());
        assertFalse(r.err().contains("java."), r.err());
        r = MainTest.run("--json", "--replay", dir.resolve("none.jsonl").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("cannot read the recording") && r.err().contains("no such file"), r.err());
    }

    @Test
    void seekTakesOffsetsAndTimes() {
        assertEquals(java.time.Duration.ofSeconds(90), org.sstop.app.record.ReplayFlags.seek("90s"));
        assertEquals(java.time.Duration.ofSeconds(90), org.sstop.app.record.ReplayFlags.seek("1m30s"));
        assertEquals(java.time.Duration.ofMinutes(65), org.sstop.app.record.ReplayFlags.seek("1h5m"));
        assertEquals(java.time.Duration.ofMillis(500), org.sstop.app.record.ReplayFlags.seek("500ms"));
        assertEquals(java.time.Duration.ofMillis(1500), org.sstop.app.record.ReplayFlags.seek("1.5s"));
        assertEquals(java.time.Instant.parse("2026-12-01T05:00:00Z"), org.sstop.app.record.ReplayFlags.seek("2026-12-01T05:00:00Z"));
    }
}
