package org.sstop.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sstop.tui.alert.AlertBook;
import org.sstop.tui.alert.AlertExec;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.text.Sanitizer;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --alert RULE}, {@code --alert-exec PROGRAM} and {@code --alert-exec-arg ARG} options
 * (a picocli mixin of {@link Main}): the rules, checked before anything runs, and the command
 * they run, an argument list with no shell in between.
 */
final class AlertOptions {

    @Option(names = "--alert", paramLabel = "RULE", description = "Alert when a process meets RULE: a --filter "
            + "expression, optionally ending in 'for DURATION' (it must hold that long), e.g. 'up>10M for 5s'. The "
            + "terminal UI marks the row (!) and rings the bell once per breach (a: the rules); --json lines gain "
            + "an alerts array. Repeatable (up to 16); a rule that does not parse: exit 2.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--alert-exec", paramLabel = "PROGRAM", description = "Run PROGRAM once per breach (a path, "
            + "or a name on PATH; no shell), with SSTOP_ALERT_RULE, SSTOP_PID, SSTOP_NAME, SSTOP_UP_BPS, "
            + "SSTOP_DOWN_BPS, SSTOP_USER, SSTOP_CONTAINER, ... in its environment; stdin closed, stdout "
            + "discarded; at most 4 at once, killed after 10 s.")
    String program;

    @Option(names = "--alert-exec-arg", paramLabel = "ARG", parameterConsumer = TakeNext.class,
            description = "One argument for --alert-exec's PROGRAM, passed as it is (no shell, no splitting), "
                    + "even one that looks like an option (--alert-exec-arg --json). Repeatable, in order.")
    List<String> args = new ArrayList<>();

    /**
     * Takes the next command-line argument whatever it looks like: an argument for the program may
     * well be spelled like one of sstop's options, and picocli would refuse it as a value.
     */
    static final class TakeNext implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> argv, ArgSpec spec, CommandSpec command) {
            if (argv.isEmpty()) {
                throw new ParameterException(command.commandLine(), "Missing required parameter for option "
                        + "'--alert-exec-arg' (ARG)");
            }
            List<String> values = new ArrayList<>(spec.getValue() == null ? List.<String>of() : spec.<List<String>>getValue());
            values.add(argv.pop());
            spec.setValue(values);
        }
    }

    /** The parsed rules, once {@link #error} said none is wrong. */
    private final List<AlertRule> parsed = new ArrayList<>();

    /**
     * What is wrong with the alert options, as the user should read it (a rule's error shows the
     * rule and marks the spot), or null. Parses the rules.
     *
     * @param headless whether sstop runs with --json, --csv or --serve (no UI to add rules in)
     * @param replay whether it shows a recording
     * @param backends whether it lists the backends
     * @return the message, or null
     */
    String error(boolean headless, boolean replay, boolean backends) {
        if (!args.isEmpty() && program == null) {
            return "--alert-exec-arg needs --alert-exec PROGRAM";
        }
        if (rules.isEmpty() && program == null) {
            return null;
        }
        if (replay || backends) {
            return (rules.isEmpty() ? "--alert-exec" : "--alert") + " watches the live monitor: not with "
                    + (replay ? "--replay" : "--backends");
        }
        if (rules.size() > AlertBook.MAX_RULES) {
            return "--alert: at most " + AlertBook.MAX_RULES + " rules, not " + rules.size();
        }
        if (program != null && headless && rules.isEmpty()) {
            return "--alert-exec needs at least one --alert RULE (in the terminal UI, a adds rules)";
        }
        parsed.clear();
        for (String text : rules) {
            try {
                parsed.add(AlertRule.parse(text));
            } catch (FilterSyntaxException e) {
                return FilteredWriter.explain("--alert", text, e);
            }
        }
        return program == null ? null : programError(program);
    }

    /** Why {@code program} cannot be run: not an executable file, or no such name on PATH; null when it can. */
    static String programError(String program) {
        String shown = Sanitizer.clean(program);
        if (program.isBlank()) {
            return "--alert-exec needs a program";
        }
        try {
            if (program.contains(File.separator)) {
                Path p = Path.of(program);
                return Files.isRegularFile(p) && Files.isExecutable(p) ? null
                        : "--alert-exec: " + shown + " is not an executable file";
            }
            String path = System.getenv("PATH");
            for (String dir : (path == null ? "" : path).split(File.pathSeparator, 256)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return null;
                }
            }
        } catch (InvalidPathException e) {
            return "--alert-exec: " + shown + " is not a usable path";
        }
        return "--alert-exec: no program " + shown + " on PATH (give its path)";
    }

    /** The rules given, parsed by {@link #error}. */
    List<AlertRule> rules() {
        return List.copyOf(parsed);
    }

    /**
     * The command's runner, or null without {@code --alert-exec}; the caller closes it.
     *
     * @param inheritStderr whether the command's standard error goes to sstop's (not under the terminal UI)
     * @return the runner, or null
     */
    AlertExec exec(boolean inheritStderr) {
        if (program == null) {
            return null;
        }
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(args);
        return new AlertExec(command, AlertExec.DEFAULT_TIMEOUT, inheritStderr);
    }

    /** The headless loop's alerts, or null without rules. */
    HeadlessAlerts headless() {
        return parsed.isEmpty() ? null : new HeadlessAlerts(AlertBook.of(parsed), exec(true));
    }
}
