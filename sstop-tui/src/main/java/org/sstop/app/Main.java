package org.sstop.app;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.sstop.app.record.RecordingWriter;
import org.sstop.app.record.ReplayCommand;
import org.sstop.app.serve.MetricsServer;
import org.sstop.app.serve.ServeOptions;
import org.sstop.core.BackendReport;
import org.sstop.core.BackendSelectionException;
import org.sstop.core.NetMonitor;
import org.sstop.tui.SnapshotFeed;
import org.sstop.tui.TerminalUi;
import org.sstop.tui.alert.AlertExec;
import org.sstop.tui.text.Sanitizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sstop} command: the terminal UI by default, JSON Lines with {@code --json}, CSV with
 * {@code --csv}, the backend report with {@code --backends}. Exit status 0 on success, 1 when it
 * cannot run, 2 for bad usage.
 */
@Command(
        name = "sstop",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Shows, live, which processes use the network: htop for network traffic.",
            "Without --json, --csv or --serve it opens the terminal UI.",
            "",
            "Bytes are transport payload: what applications sent and received, TCP/UDP/IP headers not "
                    + "counted. Interface counters include headers. Rates are bytes per second, totals "
                    + "bytes since sstop started.",
            ""
        },
        footer = {
            "",
            "Without root, sstop maps only your own processes' sockets; other traffic is shown as "
                    + "unattributed, and sstop says once on stderr what it cannot see. Run it as root "
                    + "(sudo ./sstop) for full visibility.",
            "",
            "As root on Linux (or with CAP_BPF and CAP_PERFMON) sstop counts in the kernel with eBPF: "
                    + "every byte on the process that moved it, including processes that lived for "
                    + "milliseconds and processes in other network namespaces (containers). "
                    + "--backends says whether it runs here, and if not, why.",
            "",
            "Exit status: 0 done, 1 cannot run (no usable backend, the --serve port in use, I/O failure), 2 bad usage."
        })
public final class Main implements Callable<Integer> {

    /** Exit status for bad usage. */
    static final int USAGE = 2;

    @Option(names = "--json", description = "Print one JSON object per sample (JSON Lines, schema sstop/1).")
    boolean json;

    @Option(names = "--csv", description = "Print one CSV row per process per sample, after a header line.")
    boolean csv;

    @Option(names = "--interval", paramLabel = "TIME", converter = IntervalConverter.class,
            description = "Time between samples, 100ms to 10s: 500ms, 2s, 1.5s, or a number of seconds (default: 1s).")
    Duration interval = Duration.ofSeconds(1); // every default is a field's initial value: see run()

    @Option(names = "--count", paramLabel = "N", converter = CountConverter.class,
            description = "Stop after N samples (--json, --csv).")
    Long count;

    @Option(names = "--once", description = "Print one sample, taken one interval after start, then exit (--json, --csv).")
    boolean once;

    @Option(names = "--backends", description = "List every backend provider per service: priority, "
            + "availability and why, which one is selected (as JSON with --json), then exit.")
    boolean backends;

    @Option(names = "--source", paramLabel = "NAME", description = "Use this socket source (see --backends) instead of the best available one.")
    String source;

    @Option(names = "--backend", paramLabel = "SERVICE=NAME",
            description = "Use this provider for a service (sockets, processes, interfaces, flows, counters; see "
                    + "--backends), or none to turn the service off; e.g. --backend counters=none counts from "
                    + "socket counters and packets instead of eBPF. Repeatable, one provider per service.")
    List<String> backendArgs = new ArrayList<>(); // a list, not picocli's map: a map keeps the last of two values for a service

    /** Service label to provider name (or none), made from {@link #backendArgs} by {@link UsageCheck#problem}. */
    final Map<String, String> backendChoices = new LinkedHashMap<>();

    @Option(names = {"-n", "--no-dns"}, description = "No reverse DNS lookups in the terminal UI.")
    boolean noDns;

    @Option(names = {"-b", "--bits"}, description = "Terminal UI: rates in bits/s (kbit/s, Mbit/s: 1000-based); b toggles.")
    boolean bits;

    @CommandLine.Mixin
    ServeOptions serve = new ServeOptions();

    @Option(names = "--jfr", arity = "0..1", paramLabel = "FILE", fallbackValue = JfrOption.EVENTS_ONLY, converter = JfrOption.Converter.class,
            description = "Emit JFR events (org.sstop.NetworkSample per sample, org.sstop.ProcessTraffic per busy process); "
                    + "with =FILE, also record them, beside the JVM's own events, into FILE when sstop exits.")
    JfrOption jfr;

    @CommandLine.ArgGroup(exclusive = false)
    org.sstop.app.diagnose.DiagnoseOptions diagnose;

    @Option(names = "--filter", paramLabel = "EXPR", description = "With --json/--csv: only the processes the expression "
            + "keeps (with their hosts, listen entries, groups), e.g. 'name:nginx AND port:443' (see README); wrong: exit 2.")
    String filter;

    @Option(names = "--summary", negatable = true, description = "At the end, the top talkers since start, on stderr "
            + "(stdout keeps only JSON/CSV). Default: on in the terminal UI (once it is gone), off with --json, --csv, --serve.")
    Boolean summary;

    @CommandLine.Parameters(paramLabel = "INTERFACE", arity = "0..*",
            description = "Terminal UI: only these interfaces in the header (rates, graph, list) and in the process rows "
                    + "(what their open sockets on them move), as with nethogs eth0.")
    List<String> interfaces = new ArrayList<>();

    @Option(names = "--connections", description = "Add each process's sockets (protocol, endpoints, state, age, "
            + "rates, totals) to the JSON output and to a recording.")
    boolean connections;

    @Option(names = "--record", paramLabel = "FILE", description = "Also write every sample to FILE as JSON Lines "
            + "(sstop/1, with the history the sparklines need; gzip when FILE ends in .gz), in any mode; an existing FILE is "
            + "replaced, as tcpdump -w does.")
    Path record;

    @Option(names = "--replay", paramLabel = "FILE", description = "Show a recording instead of the live system: in "
            + "the terminal UI (Space pause, . , step, <- -> [ ] seek, < > speed), or with --json/--csv.")
    Path replay;

    @Option(names = "--speed", paramLabel = "X", description = "With --replay: recorded seconds per second, e.g. 1, 2, "
            + "10 (default: 1 in the UI; --json and --csv write at once).")
    Double speed;

    @Option(names = "--seek", paramLabel = "TIME", description = "With --replay: start TIME after the first sample "
            + "(90s, 2m, 1h5m) or at a time in the recording (2026-12-01T05:00:00Z).")
    String seek;

    @CommandLine.Mixin
    AlertOptions alert = new AlertOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The recording of this run ({@code --record}), or null. */
    private RecordingWriter recorder;

    private final OutputStream stdout;
    private final PrintStream stderr;
    /** Asked only when the terminal UI is wanted. */
    private final BooleanSupplier stdoutIsTerminal;
    private final boolean installSignalHandling;
    /** The exit summary's record, fed while sstop runs. */
    private final TopTalkers talkers = new TopTalkers();

    private Main(OutputStream stdout, PrintStream stderr, BooleanSupplier stdoutIsTerminal, boolean installSignalHandling) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.installSignalHandling = installSignalHandling;
    }

    /**
     * Runs sstop and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Unbuffered fd 1 under our own buffering: System.out would swallow EPIPE silently.
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        JnaSearchPath.configure(); // before JNA first loads
        WarmUp.start(); // while the command line is parsed
        AppLogging.install(err);
        System.exit(run(args, out, err, Posix::isStdoutTerminal, true));
    }

    /**
     * Runs sstop in this JVM (the entry point for tests).
     *
     * @param args the command line
     * @param stdout standard output (JSON, CSV, help, the backend report)
     * @param stderr standard error (errors, the visibility notice)
     * @param stdoutIsTerminal whether stdout is a terminal (the UI needs one)
     * @param installSignalHandling whether to close cleanly on SIGINT/SIGTERM and stop when stdout's
     *     reader goes away (the real process only)
     * @return the exit status
     */
    static int run(String[] args, OutputStream stdout, PrintStream stderr, boolean stdoutIsTerminal,
            boolean installSignalHandling) {
        return run(args, stdout, stderr, () -> stdoutIsTerminal, installSignalHandling);
    }

    private static int run(String[] args, OutputStream stdout, PrintStream stderr, BooleanSupplier stdoutIsTerminal,
            boolean installSignalHandling) {
        Main main = new Main(stdout, stderr, stdoutIsTerminal, installSignalHandling);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        int status;
        if (args.length == 0) {
            // Nothing to parse, and no usage problem possible: the defaults stand. picocli's model of
            // the command line would cost 100-150 ms of a cold start on a small machine, a quarter of
            // the time to the terminal UI's first frame (sudo ./sstop, the usual start).
            try {
                status = main.call();
            } catch (Exception e) {
                status = failed(e, stderr);
            }
        } else {
            CommandLine cli = new CommandLine(main);
            cli.setOut(out);
            cli.setErr(new PrintWriter(stderr, true));
            cli.setParameterExceptionHandler(UsageCheck::report);
            cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, stderr));
            status = cli.execute(args);
        }
        out.flush();
        return status;
    }

    /** An unexpected failure of a run: what it was, with its stack trace, and exit status 1. */
    private static int failed(Exception e, PrintStream stderr) {
        stderr.println("sstop: " + Sanitizer.clean(String.valueOf(e)));
        e.printStackTrace(stderr);
        return 1;
    }

    @Override
    public Integer call() throws IOException {
        validate();
        UsageCheck.ineffective(this).forEach(note -> stderr.println("sstop: note: " + note));
        if (diagnose != null) {
            return diagnose.run(interval, stdout, stderr);
        }
        if (filter != null && FilteredWriter.error(filter) != null) {
            stderr.println("sstop: " + FilteredWriter.error(filter));
            return USAGE;
        }
        String alertError = alert.error(json || csv || serve.on(), replay != null, backends);
        if (alertError != null) { // a rule that does not parse shows where
            stderr.println("sstop: " + alertError);
            return USAGE;
        }
        if (backends) {
            BackendReport report = NetMonitor.discover(Main.class.getClassLoader());
            if (json) {
                BackendsPrinter.printJson(report, stdout);
            } else {
                PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
                BackendsPrinter.printTable(report, out);
                out.flush();
            }
            return 0;
        }
        boolean headless = json || csv || serve.on();
        if (!headless && !stdoutIsTerminal.getAsBoolean()) {
            stderr.println("sstop: standard output is not a terminal: use --json or --csv for output to a pipe or file.");
            return USAGE;
        }
        if (replay != null) { // record and replay: org.sstop.app.record
            return ReplayCommand.run(new ReplayCommand.Options(replay, json, csv, speed == null ? 0 : speed, seek,
                    once ? 1 : count == null ? 0 : count, interval, !noDns), stdout, stderr);
        }
        if (record != null && (recorder = RecordingWriter.open(record, connections, stderr)) == null) {
            return 1; // it said why
        }
        try (RecordingWriter closedLast = recorder) {
            if (!headless) {
                try (AlertExec exec = alert.exec(false)) { // under the UI, the command's stderr is discarded too
                    return AppLogging.holdWhile(() -> TerminalUi.run(() -> SnapshotFeed.live(buildMonitor(false)),
                            new TerminalUi.Options(interval, !noDns, bits, interfaces, alert.rules(), exec),
                            last -> {
                                new PrivilegeNotice(stderr, Posix.isRoot()).update(last);
                                if (summary == null || summary) {
                                    talkers.print(stderr);
                                }
                            }));
                }
            }
            MetricsServer server = serve.on() ? serve.open(interval, stderr) : null;
            if (serve.on() && server == null) {
                return 1; // it said why (the port is in use, ...)
            }
            return runHeadless(buildMonitor(true, server), server);
        } catch (BackendSelectionException e) {
            // The engine's message names the available socket sources.
            stderr.println("sstop: " + Sanitizer.clean(e.getMessage()));
            return source != null || !backendChoices.isEmpty() ? USAGE : 1;
        }
    }

    private void validate() {
        String problem = UsageCheck.problem(this);
        if (problem != null) {
            throw usage(problem);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The monitor; if it cannot be built, the metrics server (if any) is closed. */
    private NetMonitor buildMonitor(boolean headless, MetricsServer server) throws BackendSelectionException {
        try {
            return buildMonitor(headless);
        } catch (BackendSelectionException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    private NetMonitor buildMonitor(boolean headless) throws BackendSelectionException {
        // The terminal UI shows a process's sockets (detail view); the JSON output with --connections.
        NetMonitor.Builder builder = NetMonitor.builder().interval(interval).classLoader(Main.class.getClassLoader())
                .socketDetail(!headless || connections || filter != null); // --filter may look at sockets (port:, host:, ...)
        if (!headless && (summary == null || summary)) {
            builder.listener(talkers);
        }
        if (recorder != null && !headless) {
            builder.listener(recorder); // the terminal UI's samples, as the monitor takes them
        }
        if (source != null) {
            builder.socketSource(source.strip());
        }
        JfrOption.apply(jfr, builder);
        backendChoices.forEach((service, name) -> {
            if (name.strip().equals("none")) {
                builder.disable(UsageCheck.service(service));
            } else {
                builder.force(UsageCheck.service(service), name.strip());
            }
        });
        return builder.build();
    }

    private int runHeadless(NetMonitor monitor, MetricsServer server) throws IOException {
        long samples = once ? 1 : count == null ? 0 : count;
        CountDownLatch closed = new CountDownLatch(1);
        HeadlessAlerts alerts = alert.headless(); // null without --alert
        SnapshotWriter output = json ? new JsonLinesWriter(stdout, JsonLinesWriter.ownNetns(),
                new JsonDetail(connections, false, alerts == null ? LineFields.NONE : alerts))
                : csv ? new CsvWriter(stdout) : null;
        output = filter == null || output == null ? output : new FilteredWriter(FilteredWriter.parse(filter), output);
        SnapshotWriter recorded = RecordingWriter.tee(output, recorder); // the recording and --serve: unfiltered
        SnapshotWriter all = server == null ? recorded
                : serve.exporter(server, recorded);
        all = alerts == null ? all : alerts.feeding(all); // the whole sample: --filter narrows the output only
        boolean summarize = summary != null && summary;
        try (monitor; SnapshotWriter writer = summarize ? talkers.feeding(all) : all) {
            HeadlessRunner runner = new HeadlessRunner(monitor, writer, new PrivilegeNotice(stderr, Posix.isRoot()), stderr);
            if (installSignalHandling) {
                // SIGINT/SIGTERM: let the loop end and the monitor close before the JVM halts.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    runner.stop();
                    try {
                        closed.await(2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "sstop-shutdown"));
                if (output != null) {
                    Posix.onStdoutReaderGone(runner::stop);
                }
            }
            int status = runner.run(interval, samples);
            if (summarize) {
                talkers.print(stderr);
            }
            return status;
        } catch (IOException e) {
            return 0; // closing a writer whose reader is gone fails too: nothing left to tell anyone
        } finally {
            closed.countDown();
        }
    }
}
