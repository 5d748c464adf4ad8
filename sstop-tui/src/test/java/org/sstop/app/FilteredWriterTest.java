package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.testing.Fixtures;

/** {@code --filter}: what a filtered snapshot keeps, and how a wrong expression is told (exit 2). */
class FilteredWriterTest {

    @Test
    void keepsTheMatchingProcessesWithTheirHostsListenEntriesAndGroupsButTheTotalsWhole() {
        Snapshot s = Fixtures.withContainers(20);
        Snapshot f = FilteredWriter.apply(FilteredWriter.parse("pid:102 OR pid:103"), s);
        assertEquals(List.of(102, 103), f.processes().stream().map(ProcessStats::pid).toList());
        // Hosts: those with one of the pids among theirs (192.0.2.2 has 101 and 102, .3 has 102 and 103, .4 has 103 and 104).
        assertEquals(List.of("192.0.2.2", "192.0.2.3", "192.0.2.4"),
                f.hosts().stream().map(HostStats::address).map(Object::toString).toList());
        assertEquals(List.of(102, 103), f.listen().stream().map(ListenEntry::pid).toList());
        assertEquals(List.of("web"), f.containers().stream().map(c -> c.container().name()).toList());
        assertEquals(s.totals(), f.totals());
        assertEquals(s.interfaces(), f.interfaces());
    }

    @Test
    void socketKeysLookAtTheSockets() {
        Snapshot s = Fixtures.full(5, false);
        // Each fixture process listens on 8000 + its index; only proc3 (pid 103) on 8003.
        Snapshot f = FilteredWriter.apply(FilteredWriter.parse("port:8003 AND state:listen"), s);
        assertEquals(List.of(103), f.processes().stream().map(ProcessStats::pid).toList());
        assertTrue(FilteredWriter.apply(FilteredWriter.parse("NOT proto:tcp"), s).processes().isEmpty());
    }

    @Test
    void aWrongExpressionShowsWhereWithAControlCharacterEscaped() {
        String msg = FilteredWriter.error("name:x AND up>1Q");
        assertEquals("--filter: at 16: expected a unit k, M, G or T (1024-based)", msg.lines().findFirst().orElseThrow());
        List<String> lines = msg.lines().toList();
        assertEquals("  name:x AND up>1Q", lines.get(1));
        assertEquals(lines.get(1).indexOf('Q'), lines.get(2).indexOf('^'));
        String hostile = FilteredWriter.error("name:\u001b[31m (");
        assertFalse(hostile.contains("\u001b"), hostile);
        List<String> h = hostile.lines().toList();
        // It ended too early: the caret just after the text, though the escape made the text before it wider.
        assertEquals(h.get(1).length(), h.get(2).indexOf('^'), hostile);
        assertNull(FilteredWriter.error("nginx"));
    }

    @Test
    void mainExitsTwoOnAWrongFilterAndNeedsJsonOrCsv() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--json", "--filter", "port:99999"}, new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        assertEquals(Main.USAGE, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("sstop: --filter: at 6: expected a port (0-65535)"), text);
        assertTrue(text.contains("\n  port:99999\n       ^"), text);
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(Main.USAGE, Main.run(new String[] {"--filter", "pid:1"}, new ByteArrayOutputStream(),
                new PrintStream(err2, true, StandardCharsets.UTF_8), true, false));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("--filter needs --json or --csv"));
    }

    @Test
    void theWriterHandsOnTheFilteredSnapshot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FilteredWriter w = new FilteredWriter(FilteredWriter.parse("name:proc4"), new JsonLinesWriter(out, 0))) {
            w.write(Fixtures.full(6, false));
        }
        JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, line.get("processes").size());
        assertEquals(104, line.get("processes").get(0).get("pid").asInt());
    }
}
