package org.sstop.app.serve;

import java.io.PrintStream;
import java.time.Duration;
import org.sstop.app.SnapshotWriter;
import picocli.CommandLine.Option;

/** The {@code --serve} options of the command line (a picocli mixin), their checks and what they start. */
public final class ServeOptions {

    @Option(names = "--serve", paramLabel = "[ADDR:]PORT", converter = ServeAddress.Converter.class,
            description = "Serve Prometheus metrics (text 0.0.4, or OpenMetrics when the scraper asks) on "
                    + "http://ADDR:PORT/metrics, and /healthz; headless, combinable with --json or --csv. "
                    + "ADDR defaults to 127.0.0.1; 0.0.0.0 serves on every address; port 0 takes a free one.")
    ServeAddress address;

    @Option(names = "--serve-top", paramLabel = "N",
            description = "With --serve: expose the N processes and N remote hosts with the most traffic, the rest "
                    + "summed into an 'other' series (default: 50; 1 to 10000).")
    Integer top;

    @Option(names = "--serve-labels", paramLabel = "LIST",
            description = "With --serve: the labels of a process's series, comma-separated, from pid, name, user, "
                    + "container, runtime, pod, unit, netns (default: pid,name,user,container); processes with equal "
                    + "labels share one series, e.g. name,container for one series per program and container.")
    String labels;

    /** Whether {@code --serve} was given. */
    public boolean on() {
        return address != null;
    }

    /** What is wrong with {@code --serve-top} or {@code --serve-labels}, one line, or null. */
    public String problem() {
        if (top != null && (address == null || top < 1 || top > 10_000)) {
            return address == null ? "--serve-top needs --serve" : "--serve-top must be 1 to 10000, not " + top;
        }
        if (labels != null) {
            return address == null ? "--serve-labels needs --serve" : MetricsExporter.labelsProblem(labels);
        }
        return null;
    }

    /**
     * Opens the server, saying on {@code err} why when it cannot.
     *
     * @param interval the sampling interval (for {@code /healthz})
     * @param err where a failure is told
     * @return the server, or null when it cannot serve
     */
    public MetricsServer open(Duration interval, PrintStream err) {
        return MetricsServer.open(address, interval, err);
    }

    /**
     * The exporter feeding a running server.
     *
     * @param server the server
     * @param next the writer that also gets each sample, or null
     * @return the exporter
     */
    public MetricsExporter exporter(MetricsServer server, SnapshotWriter next) {
        return new MetricsExporter(server, top == null ? MetricsExporter.DEFAULT_TOP : top, labels, next);
    }
}
