package org.sstop.tui.alert;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the alert command ({@code --alert-exec PROGRAM --alert-exec-arg ARG ...}) once per breach:
 * the program and its arguments exactly as given, an argument list, never a shell's command
 * string, so nothing of a process's name or command line can become a command. The breach comes
 * in environment variables ({@link #environment}). Its standard input is closed at once, its
 * output discarded (its standard error goes to sstop's where that is no terminal UI).
 *
 * <p>Bounded: at most {@link #MAX_RUNNING} run at once (a breach beyond that is dropped, logged
 * and counted), each is killed (with the processes it started) when it outlives the timeout, and
 * {@link #run} only hands the breach to a worker thread: the sampler and the UI never wait for a
 * process to start or end. Thread-safe.
 */
public final class AlertExec implements AutoCloseable {

    /** The most commands running at once. */
    public static final int MAX_RUNNING = 4;
    /** How long a command may run before it is killed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close} lets running commands finish before it kills them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(AlertExec.class.getName());

    private final List<String> command;
    private final Duration timeout;
    private final boolean inheritStderr;
    private final ThreadPoolExecutor workers;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong killed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param command the program and its arguments, at least the program
     * @param timeout how long a run may take before it is killed
     * @param inheritStderr whether the command's standard error goes to sstop's (not under the terminal UI)
     */
    public AlertExec(List<String> command, Duration timeout, boolean inheritStderr) {
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.inheritStderr = inheritStderr;
        // No queue: a breach that finds every worker busy is dropped, never piled up.
        this.workers = new ThreadPoolExecutor(MAX_RUNNING, MAX_RUNNING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sstop-alert-exec");
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
    }

    /**
     * The environment variables a run gets on top of sstop's own: {@code SSTOP_ALERT_RULE},
     * {@code SSTOP_PID}, {@code SSTOP_NAME}, {@code SSTOP_CMDLINE}, {@code SSTOP_USER},
     * {@code SSTOP_CONTAINER}, {@code SSTOP_UP_BPS}, {@code SSTOP_DOWN_BPS} (bytes per second,
     * whole), {@code SSTOP_CONNS}, {@code SSTOP_HELD_MS}. Texts are sanitized (no control
     * characters) and bounded.
     *
     * @param b the breach
     * @return the variables, in that order
     */
    public static Map<String, String> environment(Breach b) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SSTOP_ALERT_RULE", b.rule());
        env.put("SSTOP_PID", Integer.toString(b.pid()));
        env.put("SSTOP_NAME", b.name());
        env.put("SSTOP_CMDLINE", b.cmdline());
        env.put("SSTOP_USER", b.user());
        env.put("SSTOP_CONTAINER", b.container());
        env.put("SSTOP_UP_BPS", Long.toString(Math.round(b.upRate())));
        env.put("SSTOP_DOWN_BPS", Long.toString(Math.round(b.downRate())));
        env.put("SSTOP_CONNS", Integer.toString(b.connections()));
        env.put("SSTOP_HELD_MS", Long.toString(b.held().toMillis()));
        return env;
    }

    /**
     * Starts the command for a breach on a worker thread; returns at once.
     *
     * @param b the breach
     * @return false when it was dropped (every worker busy, or closed)
     */
    public boolean run(Breach b) {
        try {
            workers.execute(() -> runNow(b));
            return true;
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "alert command not run for pid {0} ({1}): {2} still running (dropped: {3})",
                    Integer.toString(b.pid()), b.rule(), Integer.toString(MAX_RUNNING), Long.toString(n));
            return false;
        }
    }

    /**
     * Starts the command for each breach (see {@link #run}).
     *
     * @param breaches the breaches that just started
     */
    public void runAll(List<Breach> breaches) {
        for (Breach b : breaches) {
            run(b);
        }
    }

    private void runNow(Breach b) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment(b));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD); // never into sstop's JSON, CSV or screen
        pb.redirectError(inheritStderr ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "alert command {0} could not start: {1}", command.get(0), e.getMessage());
            return;
        }
        running.add(p);
        try {
            p.getOutputStream().close(); // stdin: end of file at once
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killed.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "alert command {0} killed after {1} ms", command.get(0),
                        Long.toString(timeout.toMillis()));
                kill(p);
            } else if (p.exitValue() != 0) {
                LOG.log(System.Logger.Level.INFO, "alert command {0} exited with status {1}", command.get(0),
                        Integer.toString(p.exitValue()));
            }
        } catch (IOException e) {
            kill(p);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
        } finally {
            running.remove(p);
            finished.incrementAndGet();
        }
    }

    /** Ends a run and what it started: SIGTERM, then SIGKILL for what is still there a second later. */
    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().limit(1_000).toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            p.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Runs that ended (normally, failed or killed) since the start. */
    public long finished() {
        return finished.get();
    }

    /** Breaches dropped because {@link #MAX_RUNNING} commands were running. */
    public long dropped() {
        return dropped.get();
    }

    /** Runs killed at the timeout. */
    public long killed() {
        return killed.get();
    }

    /** Runs that could not start (no such program, not executable). */
    public long failed() {
        return failed.get();
    }

    /**
     * Takes no more runs, lets the running ones finish for up to two seconds (a command started by
     * the last sample of {@code --once} still runs), then kills what is left.
     */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(Math.min(CLOSE_GRACE.toMillis(), timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                running.forEach(AlertExec::kill);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.forEach(AlertExec::kill);
            Thread.currentThread().interrupt();
        }
    }
}
