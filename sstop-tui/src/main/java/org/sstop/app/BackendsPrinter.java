package org.sstop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.sstop.core.BackendReport;
import org.sstop.tui.text.Sanitizer;

/**
 * Prints {@code --backends}: for each service, every provider found, its priority, whether it is
 * available and why not, and which one is selected. As a table for people, or as one JSON object.
 */
public final class BackendsPrinter {

    private static final String[] COLUMNS = {"SERVICE", "PROVIDER", "PRIORITY", "AVAILABLE", "SELECTED", "NOTE"};

    private BackendsPrinter() {
    }

    /**
     * Prints the report as an aligned table; a service without providers gets a "(none found)" row.
     *
     * @param report the report
     * @param out where to print
     */
    public static void printTable(BackendReport report, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (BackendReport.ServiceReport service : report.services()) {
            if (service.candidates().isEmpty()) {
                rows.add(new String[] {service.name(), "(none found)", "", "", "", ""});
            }
            for (BackendReport.Candidate c : service.candidates()) {
                rows.add(new String[] {
                    service.name(),
                    Sanitizer.clean(c.name()),
                    Integer.toString(c.priority()),
                    c.available() ? "yes" : "no",
                    c.selected() ? "*" : "",
                    Sanitizer.clean(c.selected() ? c.note() : c.reason())
                });
            }
        }
        int[] widths = new int[COLUMNS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * Prints the report as one JSON object on one line:
     * {@code {"schema":"sstop-backends/1","services":[{"name":..,"selected":..,"providers":[{"name":..,
     * "priority":..,"available":..,"selected":..,"reason":..,"note":..,"cause":..}]}]}}.
     *
     * @param report the report
     * @param out where to print (flushed, not closed)
     * @throws IOException when writing fails
     */
    public static void printJson(BackendReport report, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonText.factory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("schema", "sstop-backends/1");
            json.writeArrayFieldStart("services");
            for (BackendReport.ServiceReport service : report.services()) {
                json.writeStartObject();
                json.writeStringField("name", service.name());
                json.writeStringField("selected", service.selected());
                json.writeArrayFieldStart("providers");
                for (BackendReport.Candidate c : service.candidates()) {
                    json.writeStartObject();
                    json.writeStringField("name", c.name());
                    json.writeNumberField("priority", c.priority());
                    json.writeBooleanField("available", c.available());
                    json.writeBooleanField("selected", c.selected());
                    json.writeStringField("reason", c.reason());
                    json.writeStringField("note", c.note());
                    json.writeStringField("cause", c.cause() == null ? null : c.cause().toString());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
        out.flush();
    }
}
