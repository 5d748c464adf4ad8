package org.sstop.app.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sstop.api.ContainerInfo;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.ContainerStats;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Service;
import org.sstop.core.Snapshot;
import org.sstop.core.SocketStats;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.UnattributedReason;
import org.sstop.core.UserStats;
import org.sstop.core.Visibility;

/**
 * Reads one recorded {@code sstop/1} line (as a tree) back into the {@link Snapshot} the engine
 * had made, so that the terminal UI and the JSON/CSV writers show a replay as they show a live
 * run. A pure function; a missing or ill-typed field is a {@link RecordingFormatException}.
 *
 * <p>What a line does not carry stays empty: the backend report keeps only the selected
 * provider per service (not the candidates and why they were passed over), sockets are there only
 * when the line was written with {@code --connections}, and histories only in a recording.
 * Hosts, listening sockets and interfaces of the recording monitor's own namespace ({@code netns} at the top)
 * get netns 0 back, as the engine gave them.
 */
final class SnapshotParser {

    private SnapshotParser() {
    }

    /**
     * The snapshot of a line.
     *
     * @param line the line's tree, its schema already checked
     * @return the snapshot
     * @throws RecordingFormatException if a field is missing or has the wrong type or range
     */
    static Snapshot parse(JsonNode line) {
        try {
            long ownNetns = optLong(line, "netns");
            RateHistory system = history(line.get("history"), -1);
            int seconds = system.size();
            return new Snapshot(
                    longOf(line, "sequence"),
                    time(text(line, "time")),
                    Duration.ofMillis(longOf(line, "elapsed_ms")),
                    Duration.ofMillis(longOf(line, "interval_ms")),
                    sources(obj(line, "sources")),
                    new Attribution(traffic(obj(line, "totals")), traffic(obj(line, "unattributed")),
                            reasons(obj(line, "unattributed")), traffic(obj(line, "reattributed")),
                            reasons(obj(line, "reattributed"))),
                    loopback(obj(line, "loopback")),
                    new Coverage(closure(obj(obj(line, "coverage"), "sample")), closure(obj(obj(line, "coverage"), "total"))),
                    processes(arr(line, "processes"), seconds),
                    hosts(arr(line, "hosts"), seconds, ownNetns),
                    listen(arr(line, "listen"), ownNetns),
                    interfaces(arr(line, "interfaces"), ownNetns),
                    system,
                    trend(line),
                    visibility(obj(line, "visibility")),
                    containers(arr(line, "containers"), seconds),
                    users(line.get("users"), seconds));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new RecordingFormatException(e.getMessage());
        }
    }

    private static BackendReport sources(JsonNode n) {
        List<BackendReport.ServiceReport> services = new ArrayList<>();
        for (Service s : Service.values()) {
            JsonNode v = n.get(s.label());
            services.add(new BackendReport.ServiceReport(s.label(), v == null || v.isNull() ? null : v.asText(), List.of()));
        }
        return new BackendReport(services);
    }

    private static Traffic traffic(JsonNode n) {
        return new Traffic(longOf(n, "up_rate"), longOf(n, "down_rate"), longOf(n, "up_bytes"), longOf(n, "down_bytes"),
                longOf(n, "up_delta"), longOf(n, "down_delta"));
    }

    private static Map<UnattributedReason, Traffic> reasons(JsonNode account) {
        JsonNode reasons = obj(account, "reasons");
        Map<UnattributedReason, Traffic> out = new EnumMap<>(UnattributedReason.class);
        for (var it = reasons.fields(); it.hasNext(); ) {
            var e = it.next();
            out.put(UnattributedReason.valueOf(e.getKey().toUpperCase(Locale.ROOT)), traffic(e.getValue()));
        }
        return out;
    }

    private static Attribution loopback(JsonNode n) {
        JsonNode u = obj(n, "unattributed");
        JsonNode r = obj(n, "reattributed");
        return new Attribution(traffic(n), traffic(u), reasons(u), traffic(r), reasons(r));
    }

    private static Coverage.Closure closure(JsonNode n) {
        return new Coverage.Closure(longOf(n, "payload_bytes"), longOf(n, "interface_bytes"),
                longOf(n, "estimated_header_bytes"), longOf(n, "forwarded_bytes"));
    }

    private static Visibility visibility(JsonNode n) {
        List<String> limitations = new ArrayList<>();
        for (JsonNode l : arr(n, "limitations")) {
            limitations.add(textValue(l, "limitations"));
        }
        return new Visibility(limitations, longOf(n, "capture_drops"), longOf(n, "close_events_lost"),
                Math.toIntExact(longOf(n, "uncounted_sockets")), longOf(n, "other_packets"), longOf(n, "malformed_packets"));
    }

    private static List<ProcessStats> processes(JsonNode list, int seconds) {
        List<ProcessStats> out = new ArrayList<>(list.size());
        for (JsonNode p : list) {
            String exited = nullableText(p, "exited_at");
            out.add(new ProcessStats(intOf(p, "pid"), intOf(p, "ppid"), text(p, "name"), text(p, "cmdline"), text(p, "user"),
                    optLong(p, "start_time"), ProcessState.valueOf(text(p, "state").toUpperCase(Locale.ROOT)),
                    exited == null ? null : time(exited), traffic(p), intOf(p, "connections"), intOf(p, "listening"),
                    trend(p), history(p.get("history"), seconds), sockets(p.get("sockets")), optLong(p, "netns"),
                    container(p.get("container"))));
        }
        return out;
    }

    private static List<SocketStats> sockets(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        List<SocketStats> out = new ArrayList<>(list.size());
        for (JsonNode s : list) {
            out.add(new SocketStats(protocol(s), endpoint(s, "local_"), endpoint(s, "remote_"),
                    SocketState.valueOf(text(s, "state").toUpperCase(Locale.ROOT)), Duration.ofMillis(longOf(s, "age_ms")),
                    traffic(s), bool(s, "loopback"), bool(s, "counted"), nullableText(s, "interface")));
        }
        return out;
    }

    private static ContainerInfo container(JsonNode c) {
        if (c == null || c.isNull()) {
            return null;
        }
        return new ContainerInfo(nullableText(c, "runtime"), nullableText(c, "id"), nullableText(c, "name"),
                nullableText(c, "pod"), nullableText(c, "unit"));
    }

    private static List<ContainerStats> containers(JsonNode list, int seconds) {
        List<ContainerStats> out = new ArrayList<>(list.size());
        for (JsonNode c : list) {
            out.add(new ContainerStats(container(c), traffic(c), intOf(c, "processes"), intOf(c, "connections"),
                    history(c.get("history"), seconds)));
        }
        return out;
    }

    private static List<HostStats> hosts(JsonNode list, int seconds, long ownNetns) {
        List<HostStats> out = new ArrayList<>(list.size());
        for (JsonNode h : list) {
            List<Integer> pids = new ArrayList<>();
            for (JsonNode pid : arr(h, "pids")) {
                pids.add(intValue(pid, "pids"));
            }
            out.add(new HostStats(IpAddress.parse(text(h, "address")), nullableText(h, "name"), traffic(h),
                    intOf(h, "connections"), pids, trend(h), history(h.get("history"), seconds),
                    netns(optLong(h, "netns"), ownNetns)));
        }
        return out;
    }

    private static List<ListenEntry> listen(JsonNode list, long ownNetns) {
        List<ListenEntry> out = new ArrayList<>(list.size());
        for (JsonNode l : list) {
            JsonNode pid = l.get("pid");
            boolean known = pid != null && !pid.isNull();
            out.add(new ListenEntry(protocol(l), new Endpoint(IpAddress.parse(text(l, "address")), intOf(l, "port")),
                    known ? intOf(l, "pid") : -1, known ? text(l, "name") : "", known ? text(l, "cmdline") : "",
                    netns(optLong(l, "netns"), ownNetns)));
        }
        return out;
    }

    private static List<InterfaceStats> interfaces(JsonNode list, long ownNetns) {
        List<InterfaceStats> out = new ArrayList<>(list.size());
        for (JsonNode i : list) {
            out.add(new InterfaceStats(text(i, "name"), traffic(i), bool(i, "loopback"), bool(i, "up"),
                    netns(optLong(i, "netns"), ownNetns)));
        }
        return out;
    }

    /** The user roll-up; a recording older than it has none. */
    private static List<UserStats> users(JsonNode list, int seconds) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new RecordingFormatException("users: not an array");
        }
        List<UserStats> out = new ArrayList<>(list.size());
        for (JsonNode u : list) {
            out.add(new UserStats(text(u, "user"), intOf(u, "uid"), traffic(u), intOf(u, "processes"),
                    intOf(u, "connections"), history(u.get("history"), seconds)));
        }
        return out;
    }

    /** The monitor's own namespace is 0 in a snapshot (the writer labels it); another stays itself. */
    private static long netns(long written, long ownNetns) {
        return written == ownNetns ? 0 : written;
    }

    /**
     * A history from {@code [up0,down0,...]}; its quiet first seconds, left out when written,
     * padded back to {@code seconds} ({@code -1}: as written). Absent: no history.
     */
    static RateHistory history(JsonNode n, int seconds) {
        if (n == null || n.isNull()) {
            return seconds <= 0 ? RateHistory.EMPTY : RateHistory.of(new long[seconds], new long[seconds]);
        }
        if (!n.isArray() || n.size() % 2 != 0 || n.size() / 2 > RateHistory.CAPACITY) {
            throw new RecordingFormatException("history: an array of up to " + RateHistory.CAPACITY + " up/down pairs");
        }
        int written = n.size() / 2;
        int size = Math.max(written, seconds);
        long[] up = new long[size];
        long[] down = new long[size];
        for (int i = 0; i < written; i++) {
            up[size - written + i] = nonNegative(n.get(2 * i), "history");
            down[size - written + i] = nonNegative(n.get(2 * i + 1), "history");
        }
        return RateHistory.of(up, down);
    }

    private static Protocol protocol(JsonNode n) {
        return Protocol.valueOf(text(n, "protocol").toUpperCase(Locale.ROOT));
    }

    private static Endpoint endpoint(JsonNode n, String prefix) {
        return new Endpoint(IpAddress.parse(text(n, prefix + "address")), intOf(n, prefix + "port"));
    }

    private static Trend trend(JsonNode n) {
        return Trend.valueOf(text(n, "trend").toUpperCase(Locale.ROOT));
    }

    private static Instant time(String text) {
        return Instant.parse(text);
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null) {
            throw new RecordingFormatException("no field " + name);
        }
        return v;
    }

    private static JsonNode obj(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isObject()) {
            throw new RecordingFormatException(name + ": not an object");
        }
        return v;
    }

    private static JsonNode arr(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new RecordingFormatException(name + ": not an array");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        return textValue(field(n, name), name);
    }

    private static String textValue(JsonNode v, String name) {
        if (!v.isTextual()) {
            throw new RecordingFormatException(name + ": not a string");
        }
        return v.textValue();
    }

    private static String nullableText(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : textValue(v, name);
    }

    private static long longOf(JsonNode n, String name) {
        return nonNegative(field(n, name), name);
    }

    private static long nonNegative(JsonNode v, String name) {
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
            throw new RecordingFormatException(name + ": not a whole number of at least 0");
        }
        return v.longValue();
    }

    /** A number that may be absent or null (0 then), as netns and start_time. */
    private static long optLong(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? 0 : nonNegative(v, name);
    }

    private static int intOf(JsonNode n, String name) {
        return intValue(field(n, name), name);
    }

    private static int intValue(JsonNode v, String name) {
        long l = nonNegative(v, name);
        if (l > Integer.MAX_VALUE) {
            throw new RecordingFormatException(name + ": out of range");
        }
        return (int) l;
    }

    private static boolean bool(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isBoolean()) {
            throw new RecordingFormatException(name + ": not true or false");
        }
        return v.booleanValue();
    }
}
