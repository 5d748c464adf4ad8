package org.sstop.tui;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.sstop.core.BackendSelectionException;
import org.sstop.core.NetMonitor;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertBook;
import org.sstop.tui.alert.AlertExec;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.dns.DnsCache;
import org.sstop.tui.kill.Killer;
import org.sstop.tui.net.ServiceTable;
import org.sstop.tui.state.Display;
import org.sstop.tui.state.InterfaceTrack;
import org.sstop.tui.state.UiState;
import org.sstop.tui.term.TerminalSession;

/** The interactive terminal UI; the CLI calls {@link #run} when no output flag is given. */
public final class TerminalUi {

    /** Builds the monitor the UI shows. */
    @FunctionalInterface
    public interface MonitorFactory {
        /**
         * @return a built, not yet started monitor
         * @throws BackendSelectionException when no socket source can run (or a forced one cannot)
         */
        NetMonitor build() throws BackendSelectionException;
    }

    /**
     * How the UI starts.
     *
     * @param refresh the initial refresh interval (from {@code --interval})
     * @param dnsNames whether reverse DNS lookups are allowed ({@code -n} turns them off)
     * @param bits rates in bits per second ({@code -b}; the {@code b} key toggles it)
     * @param interfaces the only interfaces shown ({@code sstop eth0}), empty for all
     * @param alerts the alert rules at start ({@code --alert}; the {@code a} key changes them)
     * @param alertExec runs the alert command ({@code --alert-exec}) per breach, or null; the caller closes it
     */
    public record Options(Duration refresh, boolean dnsNames, boolean bits, List<String> interfaces, List<AlertRule> alerts,
            AlertExec alertExec) {
        /** Copies the lists. */
        public Options {
            interfaces = List.copyOf(interfaces);
            alerts = List.copyOf(alerts);
        }

        /** Without alert rules. */
        public Options(Duration refresh, boolean dnsNames, boolean bits, List<String> interfaces) {
            this(refresh, dnsNames, bits, interfaces, List.of(), null);
        }
    }

    private TerminalUi() {
    }

    /**
     * Runs the UI until the user quits; always restores the terminal (quit, Ctrl+C, SIGTERM via a
     * shutdown hook, or an exception). The terminal is set up on another thread while the monitor
     * is built and takes its first sample: the first frame comes sooner. The screen is taken only
     * once the monitor is there, so a monitor that cannot be built leaves the terminal untouched.
     *
     * @param monitors builds the monitor (the UI starts and closes it)
     * @param refresh the initial refresh interval (from {@code --interval})
     * @param dnsNames whether reverse DNS lookups are allowed ({@code -n} turns them off)
     * @return the process exit code: 0 on quit, 130 on Ctrl+C, 2 when there is no terminal, 1 on an error
     * @throws BackendSelectionException from {@code monitors}
     */
    public static int run(MonitorFactory monitors, Duration refresh, boolean dnsNames) throws BackendSelectionException {
        return run(monitors, refresh, dnsNames, last -> { });
    }

    /**
     * As {@link #run(MonitorFactory, Duration, boolean)}, and once the terminal is restored (on
     * every way out, SIGTERM's shutdown hook included) hands the last snapshot, if any, to
     * {@code afterExit}: what it prints to stderr stays on the screen.
     *
     * @param monitors builds the monitor (the UI starts and closes it)
     * @param refresh the initial refresh interval (from {@code --interval})
     * @param dnsNames whether reverse DNS lookups are allowed ({@code -n} turns them off)
     * @param afterExit gets the last snapshot after the terminal is restored
     * @return the process exit code: 0 on quit, 130 on Ctrl+C, 2 when there is no terminal, 1 on an error
     * @throws BackendSelectionException from {@code monitors}
     */
    public static int run(MonitorFactory monitors, Duration refresh, boolean dnsNames, Consumer<Snapshot> afterExit)
            throws BackendSelectionException {
        return run(() -> SnapshotFeed.live(monitors.build()), new Options(refresh, dnsNames, false, List.of()), afterExit);
    }

    /** Builds the feed the UI shows. */
    @FunctionalInterface
    public interface FeedFactory {
        /**
         * @return a feed, not yet started
         * @throws BackendSelectionException when no socket source can run (or a forced one cannot)
         */
        SnapshotFeed build() throws BackendSelectionException;
    }

    /**
     * As {@link #run(MonitorFactory, Duration, boolean, Consumer)} on any feed (the live monitor,
     * or a replay), with every start option.
     *
     * @param feeds builds the feed (the UI starts and closes it)
     * @param options how the UI starts
     * @param afterExit gets the last snapshot after the terminal is restored
     * @return the process exit code: 0 on quit, 130 on Ctrl+C, 2 when there is no terminal, 1 on an error
     * @throws BackendSelectionException from {@code feeds}
     */
    public static int run(FeedFactory feeds, Options options, Consumer<Snapshot> afterExit)
            throws BackendSelectionException {
        Duration refresh = options.refresh();
        boolean dnsNames = options.dnsNames();
        if (System.console() == null) {
            System.err.println("sstop: not a terminal; use --json or --csv for output to a pipe or file");
            return 2;
        }
        CompletableFuture<Terminal> terminal = TerminalSession.build();
        SnapshotFeed monitor;
        try {
            monitor = feeds.build();
        } catch (BackendSelectionException | RuntimeException e) {
            TerminalSession.abandon(terminal);
            throw e;
        }
        try (monitor) {
            monitor.start();
            DnsCache dns = dnsNames ? DnsCache.system() : null;
            try (TerminalSession session = TerminalSession.open(terminal)) {
                session.afterRestore(() -> monitor.latest().ifPresent(afterExit));
                Display display = new Display(ServiceTable.system(), options.bits(), Display.TotalsUnit.AUTO, false);
                UiState initial = UiState.initial(refresh, dnsNames, session.width(), session.height(), Instant.now())
                        .with(b -> {
                            b.display = display;
                            b.interfaces = InterfaceTrack.of(options.interfaces());
                            b.alerts = AlertBook.of(options.alerts());
                        });
                return new UiLoop(session, monitor, dns, Killer.system(), initial, options.alertExec()).run();
            } finally {
                if (dns != null) {
                    dns.close();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The session is closed (terminal restored) before this message is printed.
            System.err.println("sstop: " + e);
            return 1;
        }
    }
}
