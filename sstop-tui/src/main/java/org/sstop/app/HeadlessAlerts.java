package org.sstop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertBook;
import org.sstop.tui.alert.AlertExec;
import org.sstop.tui.alert.Breach;

/**
 * The alert rules in {@code --json}, {@code --csv} and {@code --serve} runs: steps the rules on
 * every sample (the whole sample, before {@code --filter} narrows the output), runs the command
 * for each breach that starts, and writes the breaches going on into the JSON line as
 * {@code "alerts":[...]}. Used on the headless loop's thread only.
 */
final class HeadlessAlerts implements LineFields {

    private AlertBook book;
    private final AlertExec exec;

    /**
     * @param book the rules
     * @param exec runs the alert command, or null; closed with the writer {@link #feeding} returns
     */
    HeadlessAlerts(AlertBook book, AlertExec exec) {
        this.book = book;
        this.exec = exec;
    }

    /** Steps the rules on a sample and runs the command for each breach that started. */
    void observe(Snapshot s) {
        book = book.next(s);
        if (exec != null) {
            exec.runAll(book.started());
        }
    }

    /** The rules and breaches as of the last sample. */
    AlertBook book() {
        return book;
    }

    /**
     * {@code "alerts":[{"rule":..., "pid":..., "start_time":..., "name":..., "user":..., "container":...,
     * "up_rate":..., "down_rate":..., "connections":..., "held_ms":..., "started":...}]}: the breaches going
     * on, {@code started} true in the line of the sample in which the breach began.
     */
    @Override
    public void write(JsonGenerator json) throws IOException {
        Set<AlertBook.Watch> started = new HashSet<>();
        for (Breach b : book.started()) {
            started.add(new AlertBook.Watch(b.rule(), b.pid(), b.startTime()));
        }
        json.writeArrayFieldStart("alerts");
        for (Breach b : book.active()) {
            json.writeStartObject();
            json.writeStringField("rule", b.rule());
            json.writeNumberField("pid", b.pid());
            json.writeNumberField("start_time", b.startTime());
            json.writeStringField("name", b.name());
            json.writeStringField("user", b.user());
            if (b.container().isEmpty()) {
                json.writeNullField("container");
            } else {
                json.writeStringField("container", b.container());
            }
            json.writeNumberField("up_rate", JsonLinesWriter.rate(b.upRate()));
            json.writeNumberField("down_rate", JsonLinesWriter.rate(b.downRate()));
            json.writeNumberField("connections", b.connections());
            json.writeNumberField("held_ms", b.held().toMillis());
            json.writeBooleanField("started", started.contains(new AlertBook.Watch(b.rule(), b.pid(), b.startTime())));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * A writer that steps the rules on each snapshot, then hands it on; closing it closes
     * {@code next}, then ends the commands (letting running ones finish briefly).
     *
     * @param next where the snapshots go
     * @return the writer
     */
    SnapshotWriter feeding(SnapshotWriter next) {
        return SnapshotWriter.observing(this::observe, next, exec == null ? null : exec::close);
    }
}
