package org.sstop.tui.term;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

/**
 * The real terminal, through JLine: raw mode without signal keys (Ctrl+C arrives as a key), the
 * alternate screen, hidden cursor and SGR mouse tracking. {@link #close()} restores all of it and
 * also runs from a shutdown hook (SIGTERM); it is idempotent and writes stop after it.
 */
public final class TerminalSession implements AutoCloseable {

    private static final String ENTER = "\033[?1049h\033[?25l\033[?1000h\033[?1002h\033[?1006h\033[H\033[2J";
    private static final String LEAVE = "\033[?1006l\033[?1002l\033[?1000l\033[0m\033[?25h\033[?1049l";

    private final Terminal terminal;
    private final Attributes saved;
    /** sstop's raw mode, set again when a shell continues it after Ctrl+Z. */
    private final Attributes raw;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The exit status of a command ended by SIGINT (128 + 2), as shells report it. */
    private static final int INTERRUPTED = 130;

    private final Thread hook;
    /** The settings as they were, written back last (JLine loses the line speed); null if unknown. */
    private final TerminalModes modes;
    private final Object writeLock = new Object();
    /** Runs once the terminal is restored, on whichever thread restored it; null for nothing. */
    private volatile Runnable afterRestore;

    private TerminalSession(Terminal terminal) {
        this.terminal = terminal;
        this.modes = TerminalModes.save();
        this.saved = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        raw.setInputFlag(Attributes.InputFlag.IXON, false);
        terminal.setAttributes(raw);
        this.raw = raw;
        this.hook = new Thread(this::restore, "sstop-terminal-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        // JLine puts SIGINT back to the OS default, which kills the JVM without its shutdown hooks
        // (kill -INT from another shell left the alternate screen and mouse tracking on): exit as
        // an interrupted command does instead, through the hooks, so that restore() runs.
        terminal.handle(Terminal.Signal.INT, signal -> System.exit(INTERRUPTED));
        write(ENTER);
    }

    /**
     * Starts setting up the process's terminal (JLine's JNI provider, or exec as a fallback) on a
     * thread of its own ({@code sstop-terminal-setup}): loading JLine and reading the terminal's
     * capabilities takes tens of milliseconds that need not wait for anything else. Nothing is
     * written to the terminal yet.
     *
     * @return the terminal, when ready
     */
    public static CompletableFuture<Terminal> build() {
        CompletableFuture<Terminal> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                useBuiltInCapabilities(System.getenv("TERM"));
                Terminal terminal;
                try {
                    terminal = build(false);
                } catch (IOException | RuntimeException e) {
                    terminal = build(true); // no JNI library for this machine: stty in child processes
                }
                result.complete(terminal);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "sstop-terminal-setup");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /**
     * A system terminal from JLine's JNI provider, or from its exec provider too. The exec provider
     * is not offered unless asked: JLine checks each provider it is offered by using it once, and
     * exec's check starts {@code test -t 1} in a child process (a fork and two execs at every start).
     */
    private static Terminal build(boolean exec) throws IOException {
        return TerminalBuilder.builder()
                .system(true)
                .jni(true)
                .exec(exec)
                .ffm(false) // JLine 4's FFM provider is Java 22 bytecode: never try it on 17
                .dumb(false)
                .nativeSignals(true)
                // sstop measures text widths itself; asking the terminal whether it has a
                // grapheme cluster mode costs a 100 ms wait for an answer most never send.
                .graphemeCluster(false)
                .encoding(StandardCharsets.UTF_8)
                .build();
    }

    /**
     * For a terminal type JLine knows (xterm, xterm-256color, screen, ...), or another 256-colour
     * one (tmux-256color), JLine's built-in capabilities instead of asking {@code infocmp} in a
     * child process, tens of milliseconds: sstop reads only the colour count from them (it decodes
     * keys and writes its escape sequences itself). Other types are still looked up.
     */
    static void useBuiltInCapabilities(String type) {
        if (type == null) {
            return;
        }
        String caps = InfoCmp.getDefaultInfoCmp(type);
        if (caps == null && type.endsWith("-256color")) {
            caps = InfoCmp.getDefaultInfoCmp("xterm-256color");
        }
        if (caps != null) {
            InfoCmp.setLoadedInfoCmp(type, caps);
        }
    }

    /**
     * Takes over the terminal {@link #build()} set up: raw mode, the alternate screen.
     *
     * @param terminal the terminal being set up (waited for)
     * @return the session
     * @throws IOException when there is no usable terminal
     */
    public static TerminalSession open(CompletableFuture<Terminal> terminal) throws IOException {
        try {
            return new TerminalSession(terminal.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot open the terminal: " + cause, cause);
        }
    }

    /** Closes a terminal {@link #build()} set up that no session took over (nothing was shown). */
    public static void abandon(CompletableFuture<Terminal> terminal) {
        terminal.thenAccept(t -> {
            try {
                t.close();
            } catch (IOException | RuntimeException e) {
                // nothing was changed on it
            }
        });
    }

    /** Columns. */
    public int width() {
        Size s = terminal.getSize();
        return s == null ? 80 : s.getColumns();
    }

    /** Rows. */
    public int height() {
        Size s = terminal.getSize();
        return s == null ? 24 : s.getRows();
    }

    /** The input as characters with timeouts. */
    public CharSource input() {
        NonBlockingReader r = terminal.reader();
        return new CharSource() {
            @Override
            public int read(long timeoutMs) throws IOException {
                return r.read(Math.max(1, timeoutMs));
            }

            @Override
            public int peek(long timeoutMs) throws IOException {
                return r.peek(Math.max(1, timeoutMs));
            }
        };
    }

    /**
     * Calls {@code action} (on JLine's signal thread) on a SIGTSTP from outside ({@code kill
     * -TSTP}): by default it would stop sstop with the terminal still in its hands; the caller
     * suspends as for Ctrl+Z instead.
     */
    public void onStopSignal(Runnable action) {
        terminal.handle(Terminal.Signal.TSTP, sig -> action.run());
    }

    /** Calls {@code action} (on JLine's signal thread) when the terminal is resized. */
    public void onResize(Runnable action) {
        terminal.handle(Terminal.Signal.WINCH, sig -> action.run());
    }

    /** The colour mode this terminal gets. */
    public ColorMode colorMode() {
        Integer max = null;
        try {
            max = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        } catch (RuntimeException e) {
            // An unknown terminal type has no capabilities: fall back to the environment.
        }
        return ColorMode.detect(System.getenv(), terminal.getType(), max == null ? -1 : max);
    }

    /** Writes output and flushes; does nothing once the session is closed. */
    public void write(String s) {
        if (s.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            if (closed.get()) {
                return;
            }
            terminal.writer().write(s);
            terminal.writer().flush();
        }
    }

    /**
     * Ctrl+Z: gives the terminal back exactly as {@link #close()} does (main screen, cursor,
     * mouse off, the original settings), stops sstop ({@code SIGTSTP}), and once a shell continues
     * it takes the terminal again (raw mode, the alternate screen, cleared: the caller paints the
     * whole frame). Does nothing once the session is closed. Called on the UI thread; the other
     * threads stop with it and go on where they were.
     */
    public void suspend() {
        synchronized (writeLock) {
            if (closed.get()) {
                return;
            }
            terminal.writer().write(LEAVE);
            terminal.writer().flush();
            terminal.setAttributes(saved);
            if (modes != null) {
                modes.restore(); // JLine's copy lost the line speed
            }
        }
        // SIGTSTP's own effect, stopping, even where sstop handles it (onStopSignal).
        Terminal.SignalHandler handler = terminal.handle(Terminal.Signal.TSTP, Terminal.SignalHandler.SIG_DFL);
        JobControl.stopSelf();
        terminal.handle(Terminal.Signal.TSTP, handler);
        synchronized (writeLock) {
            if (closed.get()) {
                return;
            }
            // The shell may have set modes of its own while sstop was stopped.
            terminal.setAttributes(raw);
            terminal.writer().write(ENTER);
            terminal.writer().flush();
        }
    }

    private void restore() {
        synchronized (writeLock) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                terminal.writer().flush();
            } catch (RuntimeException e) {
                // JLine's own shutdown hook (it runs in any order with ours, on SIGTERM) closed the
                // terminal: writer() then throws. The sequence below must be written all the same.
            }
            try {
                // Straight to fd 1, not through JLine: on SIGTERM, JLine's own shutdown hook may
                // already have closed its streams, and its PrintWriter would drop this silently.
                FileOutputStream out = new FileOutputStream(FileDescriptor.out);
                out.write(LEAVE.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | RuntimeException e) {
                // Best effort: the terminal may already be gone (hang-up).
            }
            try {
                terminal.setAttributes(saved);
            } catch (RuntimeException e) {
                // Closed by JLine's shutdown hook, which restores the original modes itself.
            }
        }
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // Nothing more can be restored.
        }
        if (modes != null) {
            modes.restore(); // last: closing JLine's terminal writes its own (lossy) copy back
        }
        Runnable after = afterRestore;
        if (after != null) {
            try {
                after.run();
            } catch (RuntimeException e) {
                // Best effort: the terminal is restored, which is what matters on the way out.
            }
        }
    }

    /**
     * What to do once the terminal is restored, whatever the way out (quit, Ctrl+C, SIGINT or
     * SIGTERM through the shutdown hook): text for stderr that the screen would have hidden.
     *
     * @param action runs once, after the terminal is restored
     */
    public void afterRestore(Runnable action) {
        this.afterRestore = action;
    }

    /** Leaves the alternate screen, shows the cursor, stops mouse tracking and restores the modes. */
    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook has run or is running restore(), which is idempotent.
        }
    }
}
