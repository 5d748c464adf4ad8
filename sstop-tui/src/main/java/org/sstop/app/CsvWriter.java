package org.sstop.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.sstop.api.ContainerInfo;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.text.Sanitizer;

/**
 * Writes one CSV row per process per sample, after a header line. Quoting follows RFC 4180
 * (lines end with LF). Text from processes is sanitized (control characters become visible
 * escapes, so a row is always one line) and guarded against spreadsheet formula injection: a
 * cell that starts with {@code = + - @}, tab or carriage return gets a leading {@code '}.
 */
public final class CsvWriter implements SnapshotWriter {

    /** The header line's columns, in order. */
    public static final String HEADER = "time,pid,name,cmdline,user,state,up_rate,down_rate,"
            + "up_bytes,down_bytes,connections,listening,trend,ppid,exited_at,up_delta,down_delta,"
            + "netns,container_runtime,container_id,container_name,pod,unit";

    private final Writer out;
    private boolean headerWritten;

    /**
     * A writer on a stream (UTF-8); closed by {@link #close()}.
     *
     * @param out where the rows go
     */
    public CsvWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @Override
    public void write(Snapshot s) throws IOException {
        if (!headerWritten) {
            out.write(HEADER);
            out.write('\n');
            headerWritten = true;
        }
        String time = JsonText.time(s.time());
        StringBuilder row = new StringBuilder(256);
        for (ProcessStats p : s.processes()) {
            row.setLength(0);
            row.append(time).append(',').append(p.pid()).append(',');
            text(row, p.name()).append(',');
            text(row, p.cmdline()).append(',');
            text(row, p.user()).append(',');
            row.append(p.state().label()).append(',')
                    .append(JsonLinesWriter.rate(p.traffic().upRate())).append(',')
                    .append(JsonLinesWriter.rate(p.traffic().downRate())).append(',')
                    .append(p.traffic().upBytes()).append(',')
                    .append(p.traffic().downBytes()).append(',')
                    .append(p.connections()).append(',')
                    .append(p.listening()).append(',')
                    .append(p.trend().label()).append(',')
                    .append(p.ppid()).append(',')
                    .append(p.exitedAt() == null ? "" : JsonText.time(p.exitedAt())).append(',')
                    .append(p.traffic().upDelta()).append(',')
                    .append(p.traffic().downDelta()).append(',')
                    .append(p.netns() == 0 ? "" : Long.toString(p.netns())).append(',');
            ContainerInfo c = p.container();
            text(row, c == null ? "" : c.runtime()).append(',');
            text(row, c == null || c.id() == null ? "" : c.id()).append(',');
            text(row, c == null ? "" : c.name()).append(',');
            text(row, c == null || c.pod() == null ? "" : c.pod()).append(',');
            text(row, c == null || c.unit() == null ? "" : c.unit()).append('\n');
            out.append(row);
        }
        out.flush();
    }

    /** Appends one untrusted text cell: sanitized, formula-guarded, quoted when needed. */
    static StringBuilder text(StringBuilder row, String untrusted) {
        String cell = guardFormula(Sanitizer.clean(untrusted));
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return row.append(cell);
        }
        row.append('"');
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '"') {
                row.append('"');
            }
            row.append(c);
        }
        return row.append('"');
    }

    /** OWASP's CSV injection rule: a cell a spreadsheet would read as a formula is made text. */
    static String guardFormula(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
