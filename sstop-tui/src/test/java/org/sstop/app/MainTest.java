package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line without a running engine: help, version, and every usage error. */
class MainTest {

    /** One in-process run of sstop. */
    record Result(int status, String out, String err) {
    }

    static Result run(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8), terminal, false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(false, args);
    }

    @Test
    void helpListsEveryOptionAndSaysWhatBytesMean() {
        Result r = run("--help");
        assertEquals(0, r.status());
        for (String option : new String[] {"--json", "--csv", "--interval", "--count", "--once", "--backends",
            "--source", "--backend", "--no-dns", "-n", "--help", "--version", "--filter", "--[no-]summary", "--bits", "-b",
            "INTERFACE"}) {
            assertTrue(r.out().contains(option), option + " missing from help");
        }
        String flat = r.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("Bytes are transport payload"), flat);
        assertTrue(flat.contains("headers not counted"), flat);
        assertTrue(flat.contains("Interface counters include headers"), flat);
        assertEquals("", r.err());
    }

    @Test
    void withoutArgumentsTheTerminalUiIsWantedAndTheDefaultsStand() {
        // No arguments skip picocli (nothing to parse): the same checks and messages must hold.
        Result r = run();
        assertEquals(2, r.status());
        assertEquals("sstop: standard output is not a terminal: use --json or --csv for output to a pipe or file.\n", r.err());
        assertEquals("", r.out());
        r = run("--json", "--once");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"interval_ms\":1000"), "the default interval, 1 s: " + r.out());
    }

    @Test
    void anOptionThatChangesNothingHereIsSaidAndTheRunGoesOn() {
        Result r = run("--csv", "--connections", "--once", "--interval", "100ms");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("sstop: note: --connections has no effect with --csv"), r.err());
        assertTrue(r.out().startsWith("time,"), "the CSV as always: " + r.out());
        r = run("--csv", "--once", "--interval", "100ms", "--backend", "counters=none", "--backend", "counters=none");
        assertEquals(0, r.status(), "the same choice twice is no clash: " + r.err());
        assertFalse(r.err().contains("note:"), r.err());
        r = run("-b", "--json", "--once", "--interval", "100ms");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("sstop: note: --bits has no effect with --json"), r.err());
    }

    @Test
    void anIntervalGivenToAHeadlessReplayIsSaidToChangeNothing(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("r.jsonl");
        assertEquals(0, run("--json", "--count", "2", "--interval", "100ms", "--backend", "counters=none",
                "--record", recording.toString()).status());
        Result r = run("--json", "--replay", recording.toString(), "--interval", "2s");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("sstop: note: --interval has no effect with --replay and --json"), r.err());
        assertEquals(2, r.out().lines().count(), "the recording's two samples: " + r.out());
        r = run("--json", "--replay", recording.toString());
        assertFalse(r.err().contains("note:"), "the default interval is not a choice: " + r.err());
    }

    @Test
    void versionComesFromTheBuild() {
        Result r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("sstop 0."), r.out());
        assertTrue(!r.out().contains("${"), "resource filtered: " + r.out());
        assertEquals(run("-V").out(), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--interval 50ms             | out of range",
        "--interval 11s              | out of range",
        "--interval abc              | is not an interval",
        "--interval                  | Missing required parameter",
        "--json --interval 1m        | is not an interval",
        "--json --count 0            | --count must be at least 1",
        "--json --count -3           | --count must be at least 1",
        "--json --count many         | 'many' is not a number of samples",
        "--json --count 1.5          | '1.5' is not a number of samples (a whole number, e.g. 10)",
        "--json --csv                | --json and --csv cannot be used together",
        "--json --once --count 2     | --once and --count cannot be used together",
        "--count 2                   | need --json or --csv",
        "--once                      | need --json or --csv",
        "--backends --csv            | not CSV",
        "--bogus                     | Unknown option: '--bogus'",
        "--json extra                | interfaces as arguments are for the terminal UI only",
        "--filter name:x             | --filter needs --json or --csv",
        "--json --filter             | Missing required parameter",
        "--json --source             | Missing required parameter",
        "--json --backend            | Missing required parameter",
        "--json --backend dns=x      | unknown service 'dns'",
        "--json --backend counters   | needs a provider name or none",
        "--json --backend flows=     | needs a provider name or none",
        "--json --backend sockets=none | the socket source cannot be turned off",
        "--json --source linux-procfs --backend sockets=linux-netlink | cannot be used together",
        "--json --once --backend counters=none --backend counters=linux-ebpf | --backend counters is given twice ('none' and 'linux-ebpf')",
        "--json --once --jfr=        | --jfr= needs a file name",
        "--json --once --record=     | --record needs a file name",
        "--json --replay=            | --replay needs a file name",
    })
    void badUsageIsOneLineWithUsageAndExitTwo(String args, String message) {
        Result r = run(args.strip().split("\\s+"));
        assertEquals(2, r.status(), r.err());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith("sstop: ") && lines[0].contains(message), r.err());
        assertTrue(r.err().contains("Usage: sstop"), r.err());
        assertTrue(lines[lines.length - 1].contains("sstop --help"), r.err());
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void blankSourceIsAUsageError() {
        Result r = run("--json", "--source", " ");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("sstop: --source needs a provider name"), r.err());
    }

    @Test
    void noOutputFlagAndNoTerminalAsksForJsonOrCsv() {
        Result r = run(false);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("use --json or --csv"), r.err());
        assertEquals(1, r.err().split("\n").length, "one line");
        Result dns = run(false, "-n");
        assertEquals(2, dns.status());
        assertTrue(dns.err().contains("use --json or --csv"), dns.err());
    }
}
