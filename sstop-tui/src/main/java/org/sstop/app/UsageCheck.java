package org.sstop.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sstop.app.record.ReplayFlags;
import org.sstop.core.Sanitizer;
import org.sstop.core.Service;
import picocli.CommandLine;

/** Which combinations of the command line's options make sense, and how a usage error is told (exit 2). */
final class UsageCheck {

    private UsageCheck() {
    }

    /**
     * Options given that change nothing in this mode: said on stderr, and the run goes on (a script
     * that passes them keeps working).
     *
     * @param m the parsed command line
     * @return one line per such option, empty when there is none
     */
    static List<String> ineffective(Main m) {
        List<String> notes = new ArrayList<>();
        if (m.connections && m.csv && m.record == null) {
            notes.add("--connections has no effect with --csv (one row per process; --json lists the sockets)");
        }
        if (m.connections && m.replay != null) {
            notes.add("--connections has no effect with --replay (a recording holds the sockets it was made with)");
        }
        if (m.replay != null && (m.json || m.csv) && given(m, "--interval")) {
            notes.add("--interval has no effect with --replay and --json or --csv (the recording's samples are "
                    + "written as they were taken; --speed paces them)");
        }
        if (m.bits && (m.json || m.csv || m.serve.on())) {
            notes.add("--bits has no effect with --json, --csv or --serve (their rates are bytes per second)");
        }
        if (m.diagnose != null && (m.json || m.csv)) {
            notes.add("--json and --csv have no effect with --diagnose (it writes its own files)");
        }
        return notes;
    }

    /**
     * What is wrong with the options as given.
     *
     * @param m the parsed command line
     * @return the message for the user, or null when the options go together
     */
    static String problem(Main m) {
        if (m.json && m.csv) {
            return "--json and --csv cannot be used together";
        }
        if (m.count != null && m.count < 1) {
            return "--count must be at least 1, not " + m.count;
        }
        if (m.once && m.count != null) {
            return "--once and --count cannot be used together (--once is --count 1)";
        }
        if ((m.once || m.count != null) && !(m.json || m.csv || m.serve.on()) && !m.backends) {
            return "--count and --once need --json or --csv (or --serve)";
        }
        if (m.filter != null && !(m.json || m.csv)) {
            return "--filter needs --json or --csv (in the terminal UI, type the expression after /)";
        }
        if (!m.interfaces.isEmpty() && (m.json || m.csv || m.serve.on() || m.backends || InterfaceNames.error(m.interfaces) != null)) {
            return m.json || m.csv || m.serve.on() || m.backends ? "interfaces as arguments are for the terminal UI only"
                    : InterfaceNames.error(m.interfaces);
        }
        if (m.serve.on() && m.backends) {
            return "--serve and --backends cannot be used together";
        }
        String serveProblem = m.serve.problem();
        if (serveProblem != null) {
            return serveProblem;
        }
        String replayProblem = ReplayFlags.problem(m.replay != null, m.record != null, m.serve.on(),
                m.backends || m.source != null || !m.backendArgs.isEmpty(), m.speed, m.seek);
        if (replayProblem != null) {
            return replayProblem;
        }
        if (m.replay != null && m.filter != null) {
            return "--filter does not apply to --replay: search in the terminal UI (/), or filter the JSON lines (jq)";
        }
        if (m.backends && m.csv) {
            return "--backends prints a table, or JSON with --json; not CSV";
        }
        if (blank(m.record) || blank(m.replay)) {
            return (blank(m.record) ? "--record" : "--replay") + " needs a file name";
        }
        if (m.source != null && m.source.isBlank()) {
            return "--source needs a provider name (see --backends)";
        }
        String choiceProblem = backendChoices(m.backendArgs, m.backendChoices);
        if (choiceProblem != null) {
            return choiceProblem;
        }
        for (Map.Entry<String, String> e : m.backendChoices.entrySet()) {
            Service service = service(e.getKey());
            if (service == null) {
                return "--backend: unknown service '" + Sanitizer.clean(e.getKey()) + "' (sockets, processes, interfaces, flows, counters)";
            }
            String name = e.getValue().strip();
            if (name.isEmpty()) {
                return "--backend " + Sanitizer.clean(e.getKey()) + "= needs a provider name or none (see --backends)";
            }
            if (service == Service.SOCKETS && (name.equals("none") || m.source != null)) {
                return name.equals("none") ? "the socket source cannot be turned off"
                        : "--source and --backend sockets=NAME cannot be used together";
            }
        }
        return null;
    }

    /** Fills {@code choices} from the --backend values; a service given two different providers is a problem, told. */
    private static String backendChoices(List<String> args, Map<String, String> choices) {
        choices.clear();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            String name = eq < 0 ? "" : arg.substring(eq + 1);
            String earlier = choices.putIfAbsent(key.strip(), name);
            if (earlier != null && !earlier.strip().equals(name.strip())) {
                return "--backend " + Sanitizer.clean(key.strip()) + " is given twice ('" + Sanitizer.clean(earlier.strip())
                        + "' and '" + Sanitizer.clean(name.strip()) + "'): choose one";
            }
        }
        return null;
    }

    /** Whether a file was given as an empty name ({@code --record=}). */
    private static boolean blank(Path file) {
        return file != null && file.toString().isBlank();
    }

    /** Whether {@code option} was on the command line (not only its default). */
    private static boolean given(Main m, String option) {
        return m.spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The service a {@code --backend} names, by its label, or null when none has that label. */
    static Service service(String label) {
        for (Service s : Service.values()) {
            if (s.label().equals(label.strip())) {
                return s;
            }
        }
        return null;
    }

    /** One line saying what is wrong, the synopsis, and where to find more: exit status 2. */
    static int report(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Error: Missing required argument(s): --diagnose")) { // picocli's, for --mask-addresses alone
            message = "--mask-addresses works with --diagnose=DIR only";
        }
        err.println("sstop: " + Sanitizer.clean(message));
        CommandLine.Help help = cli.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try 'sstop --help' for more information.");
        err.flush();
        return Main.USAGE;
    }
}
