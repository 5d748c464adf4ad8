package org.sstop.macos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CommandRunner} that answers from recorded outputs. Commands are matched by a key: the
 * program's file name plus the arguments that tell the runs apart ({@code netstat tcp},
 * {@code netstat udp}, {@code netstat -i}, {@code nettop}, {@code lsof}, {@code ps table},
 * {@code ps command}). Each key answers its outputs in order and then repeats the last one.
 */
final class ScriptedRunner implements CommandRunner {

    interface Answer {
        CommandResult answer() throws IOException;
    }

    private final Map<String, Deque<Answer>> script = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<List<String>> commands = new ArrayList<>();

    synchronized ScriptedRunner on(String key, String... outputs) {
        for (String o : outputs) {
            then(key, () -> CommandResult.ok(o));
        }
        return this;
    }

    synchronized ScriptedRunner then(String key, Answer a) {
        script.computeIfAbsent(key, k -> new ArrayDeque<>()).add(a);
        return this;
    }

    int calls(String key) {
        AtomicInteger c = calls.get(key);
        return c == null ? 0 : c.get();
    }

    static String key(List<String> command) {
        String prog = command.get(0);
        prog = prog.substring(prog.lastIndexOf('/') + 1);
        switch (prog) {
            case "netstat":
                if (command.contains("-i")) {
                    return "netstat -i";
                }
                return "netstat " + command.get(command.size() - 1);
            case "ps":
                return command.get(command.size() - 1).contains("comm=") ? "ps table" : "ps command";
            default:
                return prog;
        }
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        String key = key(command);
        Answer a;
        synchronized (this) {
            commands.add(List.copyOf(command));
            calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Deque<Answer> q = script.get(key);
            if (q == null || q.isEmpty()) {
                return new CommandResult(1, "", key + ": not scripted", false);
            }
            a = q.size() > 1 ? q.poll() : q.peek();
        }
        return a.answer();
    }
}
