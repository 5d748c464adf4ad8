package org.sstop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sstop.api.ContainerInfo;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.ContainerStats;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.Service;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.UnattributedReason;
import org.sstop.core.UserStats;
import org.sstop.core.Visibility;

/**
 * Writes snapshots as JSON Lines in schema {@code sstop/1} (see DESIGN.md): one object per
 * sample, one line each, flushed per line. Rates are bytes per second rounded to whole bytes,
 * totals are bytes since the monitor started; bytes are transport payload, interface counters
 * include headers.
 *
 * <p>Beyond the schema's example it adds {@code sequence}, {@code elapsed_ms}, {@code trend},
 * {@code sources.flows}, {@code sources.counters}, {@code unattributed.reasons}, {@code reattributed}, {@code loopback},
 * {@code coverage}, {@code visibility}, per process {@code exited_at}, per host
 * {@code up_bytes}/{@code down_bytes}/{@code trend}/{@code netns}, per listen entry {@code cmdline}/{@code netns}, per
 * interface {@code loopback}/{@code up}, and beside every rate the bytes of the last sample
 * ({@code up_delta}/{@code down_delta}). A {@link JsonDetail} adds each process's sockets
 * ({@code --connections}) and what a replay needs ({@code --record}).
 */
public final class JsonLinesWriter implements SnapshotWriter {

    /** The schema name written in every line. */
    public static final String SCHEMA = "sstop/1";

    private final OutputStream out;
    private final JsonGenerator json;
    private final long ownNetns;
    private final JsonDetail detail;

    /**
     * A writer on a stream; the stream is flushed after every line and closed by {@link #close()}.
     *
     * @param out where the lines go (UTF-8)
     * @throws IOException if the generator cannot be created
     */
    public JsonLinesWriter(OutputStream out) throws IOException {
        this(out, ownNetns());
    }

    /**
     * A writer that labels hosts and listening sockets of the monitor's own network namespace
     * with {@code ownNetns} (those of other namespaces carry their own).
     *
     * @param out where the lines go (UTF-8)
     * @param ownNetns the inode of the monitor's own network namespace, 0 when unknown (written as null)
     * @throws IOException if the generator cannot be created
     */
    public JsonLinesWriter(OutputStream out, long ownNetns) throws IOException {
        this(out, ownNetns, JsonDetail.NONE);
    }

    /**
     * A writer that adds the fields of {@code detail} to every line.
     *
     * @param out where the lines go (UTF-8)
     * @param ownNetns the inode of the monitor's own network namespace, 0 when unknown (written as null)
     * @param detail what the lines carry beyond the default output
     * @throws IOException if the generator cannot be created
     */
    public JsonLinesWriter(OutputStream out, long ownNetns, JsonDetail detail) throws IOException {
        this.out = out;
        this.json = JsonText.factory().createGenerator(out);
        json.setRootValueSeparator(null); // each line ends in '\n' already: no ' ' before the next value
        this.ownNetns = ownNetns;
        this.detail = detail;
    }

    /**
     * The inode of this process's network namespace ({@code net:[N]}), or 0 off Linux or when unreadable.
     *
     * @return the inode
     */
    public static long ownNetns() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            return link.startsWith("net:[") && link.endsWith("]") ? Long.parseLong(link, 5, link.length() - 1, 10) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void writeNetns(long netns) throws IOException {
        writeNetnsValue("netns", netns != 0 ? netns : ownNetns);
    }

    private void writeNetnsValue(String field, long netns) throws IOException {
        if (netns == 0) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, netns);
        }
    }

    @Override
    public void write(Snapshot s) throws IOException {
        json.writeStartObject();
        json.writeStringField("schema", SCHEMA);
        json.writeNumberField("sequence", s.sequence());
        json.writeStringField("time", JsonText.time(s.time()));
        json.writeNumberField("interval_ms", s.interval().toMillis());
        json.writeNumberField("elapsed_ms", s.elapsed().toMillis());
        writeSources(s.backends());
        json.writeFieldName("totals");
        writeTraffic(s.totals());
        json.writeStringField("trend", s.trend().label());
        writeAccount("unattributed", s.external().unattributed(), s.external().unattributedByReason());
        writeAccount("reattributed", s.external().reattributed(), s.external().reattributedByReason());
        writeLoopback(s.loopback());
        writeCoverage(s.coverage());
        writeVisibility(s.visibility());
        if (detail.recording()) {
            writeNetnsValue("netns", ownNetns);
            JsonExtras.history(json, s.history(), false);
        }
        if (detail.sockets()) {
            json.writeBooleanField("with_sockets", true);
        }
        writeProcesses(s);
        writeContainers(s);
        writeHosts(s);
        writeListen(s);
        writeInterfaces(s);
        writeUsers(s);
        detail.more().write(json);
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush(); // flushes the stream too
    }

    private void writeSources(BackendReport report) throws IOException {
        json.writeObjectFieldStart("sources");
        for (Service service : Service.values()) {
            json.writeStringField(service.label(), report.selected(service));
        }
        json.writeEndObject();
    }

    private void writeTraffic(Traffic t) throws IOException {
        json.writeStartObject();
        writeTrafficFields(t);
        json.writeEndObject();
    }

    private void writeTrafficFields(Traffic t) throws IOException {
        writeRates(t);
        json.writeNumberField("up_bytes", t.upBytes());
        json.writeNumberField("down_bytes", t.downBytes());
    }

    private void writeRates(Traffic t) throws IOException {
        json.writeNumberField("up_rate", rate(t.upRate()));
        json.writeNumberField("down_rate", rate(t.downRate()));
        json.writeNumberField("up_delta", t.upDelta());
        json.writeNumberField("down_delta", t.downDelta());
    }

    /** Whole bytes per second: finer digits would claim a precision no counter has. */
    static long rate(double bytesPerSecond) {
        return Double.isFinite(bytesPerSecond) ? Math.max(0, Math.round(bytesPerSecond)) : 0;
    }

    /** An account: its traffic, and the same by reason (enum order, so that successive lines compare easily). */
    private void writeAccount(String name, Traffic total, Map<UnattributedReason, Traffic> byReason) throws IOException {
        json.writeObjectFieldStart(name);
        writeTrafficFields(total);
        json.writeObjectFieldStart("reasons");
        for (UnattributedReason reason : UnattributedReason.values()) {
            Traffic t = byReason.get(reason);
            if (t != null) {
                json.writeFieldName(reason.label());
                writeTraffic(t);
            }
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void writeLoopback(Attribution loopback) throws IOException {
        json.writeObjectFieldStart("loopback");
        writeTrafficFields(loopback.total());
        writeAccount("unattributed", loopback.unattributed(), loopback.unattributedByReason());
        writeAccount("reattributed", loopback.reattributed(), loopback.reattributedByReason());
        json.writeEndObject();
    }

    private void writeCoverage(Coverage c) throws IOException {
        json.writeObjectFieldStart("coverage");
        writeClosure("sample", c.sample());
        writeClosure("total", c.total());
        json.writeEndObject();
    }

    private void writeClosure(String name, Coverage.Closure c) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("payload_bytes", c.payloadBytes());
        json.writeNumberField("interface_bytes", c.interfaceBytes());
        json.writeNumberField("estimated_header_bytes", c.estimatedHeaderBytes());
        json.writeNumberField("forwarded_bytes", c.forwardedBytes());
        double ratio = c.ratio();
        if (Double.isFinite(ratio)) {
            json.writeNumberField("ratio", Math.round(ratio * 1000) / 1000.0);
        } else {
            json.writeNullField("ratio");
        }
        json.writeEndObject();
    }

    private void writeVisibility(Visibility v) throws IOException {
        json.writeObjectFieldStart("visibility");
        json.writeBooleanField("limited", v.limited());
        json.writeArrayFieldStart("limitations");
        for (String limitation : v.limitations()) {
            json.writeString(limitation);
        }
        json.writeEndArray();
        json.writeNumberField("capture_drops", v.captureDrops());
        json.writeNumberField("close_events_lost", v.closedEventsLost());
        json.writeNumberField("uncounted_sockets", v.uncountedSockets());
        json.writeNumberField("other_packets", v.otherPackets());
        json.writeNumberField("malformed_packets", v.malformedPackets());
        json.writeEndObject();
    }

    private void writeProcesses(Snapshot s) throws IOException {
        json.writeArrayFieldStart("processes");
        for (ProcessStats p : s.processes()) {
            json.writeStartObject();
            json.writeNumberField("pid", p.pid());
            json.writeNumberField("ppid", p.ppid());
            json.writeStringField("name", p.name());
            json.writeStringField("cmdline", p.cmdline());
            json.writeStringField("user", p.user());
            json.writeStringField("state", p.state().label());
            writeTrafficFields(p.traffic());
            json.writeNumberField("connections", p.connections());
            json.writeNumberField("listening", p.listening());
            json.writeStringField("trend", p.trend().label());
            json.writeStringField("exited_at", p.exitedAt() == null ? null : JsonText.time(p.exitedAt()));
            writeNetnsValue("netns", p.netns());
            json.writeFieldName("container");
            if (p.container() == null) {
                json.writeNull();
            } else {
                json.writeStartObject();
                writeContainerFields(p.container());
                json.writeEndObject();
            }
            if (detail.recording()) {
                json.writeNumberField("start_time", p.startTime());
                JsonExtras.history(json, p.history(), true);
            }
            if (detail.sockets()) {
                JsonExtras.sockets(json, p);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeContainers(Snapshot s) throws IOException {
        json.writeArrayFieldStart("containers");
        for (ContainerStats c : s.containers()) {
            json.writeStartObject();
            writeContainerFields(c.container());
            writeTrafficFields(c.traffic());
            json.writeNumberField("processes", c.processes());
            json.writeNumberField("connections", c.connections());
            if (detail.recording()) {
                JsonExtras.history(json, c.history(), true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeUsers(Snapshot s) throws IOException {
        json.writeArrayFieldStart("users");
        for (UserStats u : s.users()) {
            json.writeStartObject();
            json.writeStringField("user", u.user());
            json.writeNumberField("uid", u.uid());
            writeTrafficFields(u.traffic());
            json.writeNumberField("processes", u.processes());
            json.writeNumberField("connections", u.connections());
            if (detail.recording()) {
                JsonExtras.history(json, u.history(), true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeContainerFields(ContainerInfo c) throws IOException {
        json.writeStringField("runtime", c.runtime());
        json.writeStringField("id", c.id());
        json.writeStringField("name", c.name());
        json.writeStringField("pod", c.pod());
        json.writeStringField("unit", c.unit());
    }

    private void writeHosts(Snapshot s) throws IOException {
        json.writeArrayFieldStart("hosts");
        for (HostStats h : s.hosts()) {
            json.writeStartObject();
            json.writeStringField("address", h.address().toString());
            json.writeStringField("name", h.name());
            writeTrafficFields(h.traffic());
            json.writeNumberField("connections", h.connections());
            writeNetns(h.netns());
            json.writeStringField("trend", h.trend().label());
            json.writeArrayFieldStart("pids");
            for (int pid : h.pids()) {
                json.writeNumber(pid);
            }
            json.writeEndArray();
            if (detail.recording()) {
                JsonExtras.history(json, h.history(), true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeListen(Snapshot s) throws IOException {
        json.writeArrayFieldStart("listen");
        for (ListenEntry l : s.listen()) {
            json.writeStartObject();
            json.writeStringField("protocol", l.protocol().label());
            json.writeStringField("address", l.local().address().toString());
            json.writeNumberField("port", l.local().port());
            if (l.pid() < 0) {
                json.writeNullField("pid");
                json.writeNullField("name");
                json.writeNullField("cmdline");
            } else {
                json.writeNumberField("pid", l.pid());
                json.writeStringField("name", l.name());
                json.writeStringField("cmdline", l.cmdline());
            }
            writeNetns(l.netns());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeInterfaces(Snapshot s) throws IOException {
        json.writeArrayFieldStart("interfaces");
        for (InterfaceStats i : s.interfaces()) {
            json.writeStartObject();
            json.writeStringField("name", i.name());
            writeTrafficFields(i.traffic());
            json.writeBooleanField("loopback", i.loopback());
            json.writeBooleanField("up", i.up());
            writeNetns(i.netns());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Closes the generator and the stream. */
    @Override
    public void close() throws IOException {
        try {
            json.close();
        } finally {
            out.close();
        }
    }
}
