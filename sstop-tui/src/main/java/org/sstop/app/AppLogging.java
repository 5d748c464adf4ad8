package org.sstop.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.sstop.core.BackendSelectionException;
import org.sstop.tui.text.Sanitizer;

/**
 * Where the library's log records go in the app: warnings and errors as one line each on
 * stderr ({@code sstop: warning: ...}, the cause's message, no stack trace), held back while the
 * terminal UI owns the screen and printed once it is restored (a line written into the drawn
 * screen would garble it). A user who configures {@code java.util.logging} themselves
 * ({@code -Djava.util.logging.config.file}) keeps their configuration. Installed once by
 * {@link Main#main}; {@link #holdWhile} is called by the UI's caller.
 */
final class AppLogging extends Handler {

    /** Records kept while the screen is held; more are counted, not kept. */
    private static final int MAX_HELD = 50;

    /** The installed handler, if any: written once by {@link #install}. */
    private static volatile AppLogging installed;

    private final PrintStream err;
    private final List<String> held = new ArrayList<>();
    private int dropped;
    private boolean holding;

    AppLogging(PrintStream err) {
        this.err = err;
        setLevel(Level.WARNING);
    }

    /**
     * Routes the root logger to {@code err}, unless the user configured logging.
     *
     * @return the handler, or {@code null} when the user's configuration stands
     */
    static AppLogging install(PrintStream err) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return null;
        }
        LogManager.getLogManager().reset();
        AppLogging handler = new AppLogging(err);
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(handler);
        installed = handler;
        return handler;
    }

    /** What {@link #holdWhile} runs. */
    interface ScreenTask {
        /** Runs with the screen taken; returns the exit status. */
        int run() throws BackendSelectionException;
    }

    /** Runs {@code task} with log lines held back, then prints them. */
    static int holdWhile(ScreenTask task) throws BackendSelectionException {
        AppLogging handler = installed;
        if (handler == null) {
            return task.run();
        }
        handler.setHolding(true);
        try {
            return task.run();
        } finally {
            handler.setHolding(false);
        }
    }

    /** Holds records, or prints what was held and prints records again as they come. */
    synchronized void setHolding(boolean hold) {
        holding = hold;
        if (hold) {
            return;
        }
        holding = false;
        held.forEach(err::println);
        if (dropped > 0) {
            err.println("sstop: " + dropped + " more warnings were not kept");
        }
        held.clear();
        dropped = 0;
        err.flush();
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (r == null || !isLoggable(r)) {
            return;
        }
        String line = line(r);
        if (!holding) {
            err.println(line);
        } else if (held.size() < MAX_HELD) {
            held.add(line);
        } else {
            dropped++;
        }
    }

    /** One line: the level, the message and its cause's message, sanitized. */
    static String line(LogRecord r) {
        StringBuilder sb = new StringBuilder("sstop: ");
        sb.append(r.getLevel().intValue() >= Level.SEVERE.intValue() ? "error: " : "warning: ");
        sb.append(new SimpleFormatter().formatMessage(r));
        Throwable cause = r.getThrown();
        if (cause != null) {
            sb.append(": ").append(cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
        return Sanitizer.clean(sb.toString());
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
