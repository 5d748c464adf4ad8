package org.sstop.macos;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor a command-driven backend owns: one named daemon thread on which its commands run,
 * so a slow command never runs on (or blocks beyond a short wait) the sampling thread.
 */
final class CommandBackend implements AutoCloseable {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final ExecutorService executor;
    private final CommandRunner runner;
    private final Duration timeout;
    private final Duration wait;

    /**
     * @param name thread name part, e.g. {@code netstat}
     * @param runner how commands run
     * @param timeout when a command is killed
     * @param wait how long a sample waits for a command before using the previous result
     */
    CommandBackend(String name, CommandRunner runner, Duration timeout, Duration wait) {
        String threadName = "sstop-macos-" + name + "-" + SEQ.incrementAndGet();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.runner = runner;
        this.timeout = timeout;
        this.wait = wait;
    }

    /** A command that runs on this backend's thread. */
    BackgroundCommand command(List<String> command) {
        return new BackgroundCommand(executor, runner, command, timeout, wait);
    }

    /** Stops the thread; a command still running is interrupted. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
