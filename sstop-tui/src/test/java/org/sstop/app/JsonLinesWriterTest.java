package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sstop.core.Attribution;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.Visibility;
import org.sstop.tui.text.Sanitizer;

class JsonLinesWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long OWN_NETNS = 4026531840L;

    static String write(Snapshot... snapshots) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesWriter writer = new JsonLinesWriter(bytes, OWN_NETNS);
        for (Snapshot s : snapshots) {
            writer.write(s);
        }
        // Not closed: every line must already be in the stream (flushed per line).
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyLineStartsWithItsObjectNotASpace() throws Exception {
        Snapshot s = Snapshots.full();
        String[] lines = write(s, s, s).split("\n");
        assertEquals(3, lines.length);
        for (String line : lines) {
            assertTrue(line.startsWith("{\"schema\":\"sstop/1\""), "a line begins with its object: [" + line.substring(0, 20));
        }
    }

    @Test
    void minimalSnapshotMatchesTheGoldenLine() throws Exception {
        Snapshot s = new Snapshot(1, Snapshots.TIME, Duration.ofMillis(1000), Duration.ofMillis(500), Snapshots.report(),
                Attribution.NONE, Attribution.NONE, Coverage.NONE, List.of(), List.of(), List.of(), List.of(), RateHistory.EMPTY,
                Trend.STABLE, new Visibility(List.of(), 0, 0, 0, 0, 0));
        String traffic = "\"up_rate\":0,\"down_rate\":0,\"up_delta\":0,\"down_delta\":0,\"up_bytes\":0,\"down_bytes\":0";
        String closure = "{\"payload_bytes\":0,\"interface_bytes\":0,\"estimated_header_bytes\":0,\"forwarded_bytes\":0,\"ratio\":null}";
        assertEquals("{\"schema\":\"sstop/1\",\"sequence\":1,\"time\":\"2026-11-21T20:00:01.250Z\",\"interval_ms\":500,"
                + "\"elapsed_ms\":1000,\"sources\":{\"sockets\":\"linux-netlink\",\"processes\":\"linux-procfs\","
                + "\"interfaces\":\"linux-procfs\",\"flows\":null,\"counters\":null},"
                + "\"totals\":{" + traffic + "},\"trend\":\"stable\","
                + "\"unattributed\":{" + traffic + ",\"reasons\":{}},"
                + "\"reattributed\":{" + traffic + ",\"reasons\":{}},"
                + "\"loopback\":{" + traffic + ",\"unattributed\":{" + traffic + ",\"reasons\":{}},"
                + "\"reattributed\":{" + traffic + ",\"reasons\":{}}},"
                + "\"coverage\":{\"sample\":" + closure + ",\"total\":" + closure + "},"
                + "\"visibility\":{\"limited\":false,\"limitations\":[],\"capture_drops\":0,\"close_events_lost\":0,"
                + "\"uncounted_sockets\":0,\"other_packets\":0,\"malformed_packets\":0},"
                + "\"processes\":[],\"containers\":[],\"hosts\":[],\"listen\":[],\"interfaces\":[],\"users\":[]}\n", write(s));
    }

    @Test
    void everyLineStartsWithItsObject() throws Exception {
        Snapshot s = new Snapshot(1, Snapshots.TIME, Duration.ofMillis(1000), Duration.ofMillis(500), Snapshots.report(),
                Attribution.NONE, Attribution.NONE, Coverage.NONE, List.of(), List.of(), List.of(), List.of(), RateHistory.EMPTY,
                Trend.STABLE, new Visibility(List.of(), 0, 0, 0, 0, 0));
        String[] lines = write(s, s, s).split("\n", -1);
        assertEquals(4, lines.length);
        for (int i = 0; i < 3; i++) {
            // Jackson puts a space between root values unless told not to: lines 2 and on began with it.
            assertTrue(lines[i].startsWith("{\"schema\""), "line " + (i + 1) + ": " + lines[i]);
        }
        assertEquals("", lines[3]);
    }

    @Test
    void everySchemaFieldIsWrittenWithItsValue() throws Exception {
        String out = write(Snapshots.full());
        assertTrue(out.endsWith("\n"));
        assertEquals(1, out.split("\n", -1).length - 1, "one line per sample");
        JsonNode n = MAPPER.readTree(out);

        assertEquals("sstop/1", n.get("schema").asText());
        assertEquals("2026-11-21T20:00:01.250Z", n.get("time").asText());
        assertEquals(1000, n.get("interval_ms").asLong());
        assertEquals(7, n.get("sequence").asLong());
        assertEquals(1003, n.get("elapsed_ms").asLong());
        assertEquals("linux-netlink", n.get("sources").get("sockets").asText());
        assertEquals("linux-procfs", n.get("sources").get("processes").asText());
        assertEquals("linux-procfs", n.get("sources").get("interfaces").asText());
        assertTrue(n.get("sources").get("flows").isNull());

        assertTraffic(n.get("totals"), 1520, 20, 10_500, 2_300);
        JsonNode un = n.get("unattributed");
        assertTraffic(un, 0, 0, 423, 212);
        assertTraffic(un.get("reasons").get("no_permission"), 0, 0, 400, 200);
        assertTraffic(un.get("reasons").get("short_lived"), 0, 0, 23, 12);
        assertEquals(2, un.get("reasons").size());

        JsonNode p = n.get("processes").get(0);
        assertEquals(1234, p.get("pid").asInt());
        assertEquals(1, p.get("ppid").asInt());
        assertEquals("curl", p.get("name").asText());
        assertEquals("curl -O http://x", p.get("cmdline").asText());
        assertEquals("root", p.get("user").asText());
        assertEquals("running", p.get("state").asText());
        assertTraffic(p, 1500, 20, 10_000, 2_000); // 1499.5 rounds half up
        assertTrue(p.get("up_rate").isIntegralNumber());
        assertEquals(2, p.get("connections").asInt());
        assertEquals(1, p.get("listening").asInt());
        assertEquals("rising", p.get("trend").asText());
        assertTrue(p.get("exited_at").isNull());
        JsonNode exited = n.get("processes").get(1);
        assertEquals("exited", exited.get("state").asText());
        assertEquals("2026-11-21T19:59:58.250Z", exited.get("exited_at").asText());

        JsonNode h = n.get("hosts").get(0);
        assertEquals("10.0.0.2", h.get("address").asText());
        assertTrue(h.get("name").isNull());
        assertEquals(1500, h.get("up_rate").asLong());
        assertEquals(20, h.get("down_rate").asLong());
        assertEquals(1, h.get("connections").asInt());
        assertEquals(List.of(1234), List.of(h.get("pids").get(0).asInt()));
        assertEquals("2001:db8::1", n.get("hosts").get(1).get("address").asText());
        assertEquals(2, n.get("hosts").get(1).get("pids").size());

        JsonNode l = n.get("listen").get(0);
        assertEquals("tcp", l.get("protocol").asText());
        assertEquals("0.0.0.0", l.get("address").asText());
        assertEquals(22, l.get("port").asInt());
        assertEquals(1, l.get("pid").asInt());
        assertEquals("sshd", l.get("name").asText());
        JsonNode unknownOwner = n.get("listen").get(1);
        assertEquals("udp", unknownOwner.get("protocol").asText());
        assertEquals("::", unknownOwner.get("address").asText());
        assertTrue(unknownOwner.get("pid").isNull());
        assertTrue(unknownOwner.get("name").isNull());

        JsonNode i = n.get("interfaces").get(0);
        assertEquals("eth0", i.get("name").asText());
        assertTraffic(i, 1600, 30, 11_000, 2_500);
        assertTrue(n.get("interfaces").get(1).get("loopback").asBoolean());

        assertTrue(n.get("visibility").get("limited").asBoolean());
        assertEquals("not root: other users' sockets are not mapped to processes",
                n.get("visibility").get("limitations").get(0).asText());
    }

    @Test
    void hostileTextIsEscapedInTheOutputAndExactAfterParsing() throws Exception {
        String out = write(Snapshots.full());
        String line = out.substring(0, out.length() - 1);
        for (int i = 0; i < line.length(); i++) {
            assertFalse(Sanitizer.isUnsafe(line.charAt(i)),
                    "raw control U+" + Integer.toHexString(line.charAt(i)) + " at " + i);
        }
        assertTrue(line.contains("evil\\u001B]0;x\\u0007\\u001B[2Jname"), line);
        assertTrue(line.contains("\\u202e"), "bidi override escaped");
        assertTrue(line.contains("h\\u009bost"), "C1 CSI escaped");
        JsonNode n = MAPPER.readTree(out);
        assertEquals(Snapshots.HOSTILE, n.get("processes").get(1).get("name").asText());
        assertEquals("h\u009bost", n.get("hosts").get(1).get("name").asText());
    }

    @Test
    void brokenAndAstralTextDoesNotBreakTheLine() throws Exception {
        Snapshot s = withName("\ud83d\ude00 ok \ud800 lone \u007f del");
        String out = write(s, s);
        String[] lines = out.split("\n");
        assertEquals(2, lines.length);
        assertFalse(out.contains("\u007f"));
        JsonNode p = MAPPER.readTree(lines[1]).get("processes").get(0);
        assertTrue(p.get("name").asText().startsWith("\ud83d\ude00 ok "));
        assertTrue(p.get("name").asText().endsWith(" lone \u007f del"));
    }

    @Test
    void oddRatesAreWholeNonNegativeNumbers() {
        assertEquals(0, JsonLinesWriter.rate(Double.NaN));
        assertEquals(0, JsonLinesWriter.rate(Double.POSITIVE_INFINITY));
        assertEquals(0, JsonLinesWriter.rate(-3.0));
        assertEquals(3, JsonLinesWriter.rate(2.5));
        assertEquals(5_000_000, JsonLinesWriter.rate(4_999_999.6));
    }

    static Snapshot withName(String name) {
        Snapshot f = Snapshots.full();
        return new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), f.backends(), f.external(), f.loopback(), f.coverage(),
                List.of(Snapshots.process(99, name, name, name, ProcessState.RUNNING, Traffic.ZERO)),
                List.of(), List.of(), List.of(), f.history(), f.trend(), f.visibility());
    }

    private static void assertTraffic(JsonNode n, long upRate, long downRate, long upBytes, long downBytes) {
        assertEquals(upRate, n.get("up_rate").asLong(), "up_rate");
        assertEquals(downRate, n.get("down_rate").asLong(), "down_rate");
        assertEquals(upBytes, n.get("up_bytes").asLong(), "up_bytes");
        assertEquals(downBytes, n.get("down_bytes").asLong(), "down_bytes");
    }

    @Test
    void processesCarryTheirNamespaceAndContainerAndGroupsAreListed() throws Exception {
        Snapshot base = Snapshots.full();
        org.sstop.api.ContainerInfo web = new org.sstop.api.ContainerInfo("docker", "ab".repeat(32), "web\u001b[2J", null, null);
        org.sstop.core.ProcessStats p = base.processes().get(0);
        org.sstop.core.ProcessStats inWeb = new org.sstop.core.ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(),
                p.startTime(), p.state(), p.exitedAt(), p.traffic(), p.connections(), p.listening(), p.trend(), p.history(),
                p.sockets(), 4026532178L, web);
        Snapshot s = new Snapshot(base.sequence(), base.time(), base.elapsed(), base.interval(), base.backends(), base.external(),
                base.loopback(), base.coverage(), List.of(inWeb, base.processes().get(1)), base.hosts(), base.listen(),
                base.interfaces(), base.history(), base.trend(), base.visibility(),
                List.of(new org.sstop.core.ContainerStats(web, new Traffic(1500, 20, 10_000, 2_000), 1, 2)),
                List.of(new org.sstop.core.UserStats("www\u001b[2J", 33, new Traffic(1500, 20, 12_000, 2_500), 3, 4,
                        org.sstop.core.RateHistory.EMPTY)));
        JsonNode json = new ObjectMapper().readTree(write(s));
        JsonNode user = json.get("users").get(0);
        assertEquals("www\u001b[2J", user.get("user").asText(), "JSON escapes it; readers sanitize");
        assertEquals(12_000, user.get("up_bytes").asLong());
        assertEquals(33, user.get("uid").asInt());
        assertEquals(3, user.get("processes").asInt());
        assertEquals(4, user.get("connections").asInt());
        JsonNode first = json.get("processes").get(0);
        assertEquals(4026532178L, first.get("netns").asLong());
        assertEquals("docker", first.get("container").get("runtime").asText());
        assertEquals("ab".repeat(32), first.get("container").get("id").asText());
        assertEquals("web\u001b[2J", first.get("container").get("name").asText(), "JSON escapes it; readers sanitize");
        assertTrue(first.get("container").get("pod").isNull());
        JsonNode second = json.get("processes").get(1);
        assertTrue(second.get("netns").isNull() && second.get("container").isNull(), second.toString());
        JsonNode group = json.get("containers").get(0);
        assertEquals(10_000, group.get("up_bytes").asLong());
        assertEquals(1, group.get("processes").asInt());
        assertEquals(2, group.get("connections").asInt());
        assertEquals("web\u001b[2J", group.get("name").asText());
        String csv = CsvWriterTest.write(s).split("\n")[1];
        assertTrue(csv.endsWith(",4026532178,docker," + "ab".repeat(32) + ",web\\e[2J,,"), csv);
    }

    @Test
    void hostsListeningSocketsAndInterfacesNameTheirNamespace() throws Exception {
        Snapshot base = Snapshots.full();
        HostStats h = base.hosts().get(0);
        HostStats other = new HostStats(h.address(), h.name(), h.traffic(), h.connections(), h.pids(), h.trend(), h.history(),
                4026532178L);
        ListenEntry l = base.listen().get(0);
        ListenEntry otherListen = new ListenEntry(l.protocol(), l.local(), l.pid(), l.name(), l.cmdline(), 4026532178L);
        InterfaceStats i = base.interfaces().get(0);
        InterfaceStats otherIf = new InterfaceStats(i.name(), i.traffic(), i.loopback(), i.up(), 4026532178L);
        Snapshot s = new Snapshot(base.sequence(), base.time(), base.elapsed(), base.interval(), base.backends(), base.external(),
                base.loopback(), base.coverage(), base.processes(), List.of(h, other), List.of(l, otherListen),
                List.of(i, otherIf), base.history(), base.trend(), base.visibility(), base.containers());
        JsonNode json = MAPPER.readTree(write(s));
        assertEquals(OWN_NETNS, json.get("hosts").get(0).get("netns").asLong(), "the monitor's own namespace by its inode");
        assertEquals(4026532178L, json.get("hosts").get(1).get("netns").asLong());
        assertEquals(OWN_NETNS, json.get("listen").get(0).get("netns").asLong());
        assertEquals(4026532178L, json.get("listen").get(1).get("netns").asLong());
        assertEquals(OWN_NETNS, json.get("interfaces").get(0).get("netns").asLong());
        assertEquals(4026532178L, json.get("interfaces").get(1).get("netns").asLong());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonLinesWriter(bytes, 0).write(s);
        assertTrue(MAPPER.readTree(bytes.toString(StandardCharsets.UTF_8)).get("hosts").get(0).get("netns").isNull(),
                "unknown own namespace (not Linux): null");
    }
}
