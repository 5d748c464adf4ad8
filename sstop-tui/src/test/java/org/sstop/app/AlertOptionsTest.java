package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstop.core.Snapshot;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.tui.alert.AlertBook;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.filter.FilterSyntaxException;

/** {@code --alert}, {@code --alert-exec}, {@code --alert-exec-arg}: usage errors (exit 2), the JSON lines' alerts, a real run. */
class AlertOptionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--json --alert up>1Q                          | --alert: at 5: expected a unit k, M, G or T",
        "--json --alert up>1M,for,5x                   | --alert: at 12: expected a duration after 'for'",
        "--json --alert-exec-arg -v                    | --alert-exec-arg needs --alert-exec PROGRAM",
        "--json --alert-exec-arg --urgent              | --alert-exec-arg needs --alert-exec PROGRAM",
        "--json --alert-exec-arg=--json                | --alert-exec-arg needs --alert-exec PROGRAM",
        "--json --alert-exec-arg --json                | --alert-exec-arg needs --alert-exec PROGRAM",
        "--json --alert-exec-arg                       | Missing required parameter for option '--alert-exec-arg'",
        "--json --alert-exec /usr/bin/env              | --alert-exec needs at least one --alert RULE",
        "--json --alert up>1M --alert-exec /nonexistent/notify | is not an executable file",
        "--json --alert up>1M --alert-exec no-such-program-sstop-test | no program no-such-program-sstop-test on PATH",
        "--replay x.jsonl --alert up>1M                | --alert watches the live monitor: not with --replay",
        "--backends --alert up>1M                      | not with --backends",
    })
    void wrongAlertOptionsExitTwoSayingWhy(String args, String message) {
        List<String> argv = new ArrayList<>();
        for (String a : args.strip().split("\\s+")) {
            argv.add(a.replace(',', ' ')); // a comma stands for a space inside one argument
        }
        MainTest.Result r = MainTest.run(argv.toArray(String[]::new));
        assertEquals(Main.USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("sstop: ") && r.err().contains(message), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aWrongRuleIsShownWithACaretUnderTheSpot() {
        MainTest.Result r = MainTest.run("--json", "--alert", "name:x AND up>1Q for 5s");
        assertEquals(Main.USAGE, r.status());
        assertTrue(r.err().startsWith("sstop: --alert: at 16: expected a unit k, M, G or T (1024-based)"), r.err());
        assertTrue(r.err().contains("\n  name:x AND up>1Q for 5s\n                 ^"), r.err());
    }

    @Test
    void moreThanSixteenRulesIsAUsageError() {
        List<String> argv = new ArrayList<>(List.of("--json"));
        for (int i = 0; i <= AlertBook.MAX_RULES; i++) {
            argv.add("--alert");
            argv.add("pid:" + i);
        }
        MainTest.Result r = MainTest.run(argv.toArray(String[]::new));
        assertEquals(Main.USAGE, r.status());
        assertTrue(r.err().contains("at most 16 rules"), r.err());
    }

    @Test
    void helpDescribesTheOptions() {
        String help = MainTest.run("--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--alert=RULE"), help);
        assertTrue(help.contains("--alert-exec=PROGRAM"), help);
        assertTrue(help.contains("--alert-exec-arg=ARG"), help);
        assertTrue(help.contains("no shell"), help);
        assertTrue(help.contains("SSTOP_PID"), help);
    }

    @Test
    void jsonLinesGainAnAlertsArrayAndNothingElseChanges() throws Exception {
        Snapshot s = Snapshots.full();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(plain, 0)) {
            w.write(s);
        }
        HeadlessAlerts alerts = new HeadlessAlerts(AlertBook.of(List.of(rule("name:curl"), rule("up>1k for 2s"))), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotWriter w = alerts.feeding(new JsonLinesWriter(out, 0, new JsonDetail(false, false, alerts)))) {
            w.write(s);
            w.write(next(s, 8, Duration.ofMillis(1000)));
            w.write(next(s, 9, Duration.ofMillis(1000)));
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        JsonNode first = MAPPER.readTree(lines[0]);
        JsonNode without = MAPPER.readTree(plain.toString(StandardCharsets.UTF_8));
        assertFalse(without.has("alerts"), "no rules, no field");
        ((com.fasterxml.jackson.databind.node.ObjectNode) first).remove("alerts");
        assertEquals(without, first, "only the alerts field is added");
        JsonNode a0 = MAPPER.readTree(lines[0]).get("alerts");
        assertEquals(1, a0.size(), a0.toString());
        assertEquals("name:curl", a0.get(0).get("rule").asText());
        assertEquals(1234, a0.get(0).get("pid").asInt());
        assertEquals("curl", a0.get(0).get("name").asText());
        assertEquals(1500, a0.get(0).get("up_rate").asLong());
        assertTrue(a0.get(0).get("container").isNull());
        assertTrue(a0.get(0).get("started").asBoolean());
        JsonNode a1 = MAPPER.readTree(lines[1]).get("alerts");
        assertEquals(1, a1.size(), "the 2 s hold not reached yet: " + a1);
        assertFalse(a1.get(0).get("started").asBoolean(), "started in the line before");
        assertEquals(1000, a1.get(0).get("held_ms").asLong());
        JsonNode a2 = MAPPER.readTree(lines[2]).get("alerts");
        assertEquals(2, a2.size(), a2.toString());
        assertEquals("up>1k for 2s", a2.get(1).get("rule").asText());
        assertTrue(a2.get(1).get("started").asBoolean());
        assertEquals(2000, a2.get(1).get("held_ms").asLong());
    }

    @Test
    void aLiveRunAlertsOnThisJvmAndRunsTheCommandWithItsPid() throws Exception {
        CiAssume.that(Host.isLinux(), "the Linux backends need Linux");
        long pid = ProcessHandle.current().pid();
        Path env = dir.resolve("env");
        Path script = dir.resolve("notify");
        Files.writeString(script, "#!/bin/sh\nprintf '%s|%s|%s|%s\\n' \"$SSTOP_PID\" \"$SSTOP_ALERT_RULE\" \"$1\" \"$2\" >> '" + env + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int status = Main.run(new String[] {"--json", "--count", "3", "--interval", "100ms", "--alert", "pid:" + pid,
                "--filter", "pid:1", "--alert-exec", script.toString(), "--alert-exec-arg", "two words", "--alert-exec-arg", "--json"}, out,
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        for (int i = 0; i < 3; i++) {
            JsonNode alerts = MAPPER.readTree(lines[i]).get("alerts");
            assertEquals(1, alerts.size(), lines[i]);
            assertEquals(pid, alerts.get(0).get("pid").asLong());
            assertEquals(i == 0, alerts.get(0).get("started").asBoolean(), "once per breach: " + alerts);
            for (JsonNode p : MAPPER.readTree(lines[i]).get("processes")) {
                assertEquals(1, p.get("pid").asInt(), "--filter narrows the output, not what the rules see");
            }
        }
        assertEquals(List.of(pid + "|pid:" + pid + "|two words|--json"), Files.readAllLines(env), "run once, argv as given");
    }

    private static AlertRule rule(String text) throws FilterSyntaxException {
        return AlertRule.parse(text);
    }

    private static Snapshot next(Snapshot s, long seq, Duration elapsed) {
        return new Snapshot(seq, s.time(), elapsed, s.interval(), s.backends(), s.external(), s.loopback(), s.coverage(),
                s.processes(), s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility(), s.containers(),
                s.users());
    }
}
