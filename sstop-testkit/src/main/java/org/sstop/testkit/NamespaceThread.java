package org.sstop.testkit;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task running on a thread of its own inside a network namespace: sockets it opens live in
 * that namespace, and a backend it opens sees that namespace. Only {@link #join()} reads its
 * outcome.
 *
 * @param <T> the task's result
 */
public final class NamespaceThread<T> {

    private static final long JOIN_SECONDS = 30;

    private final FutureTask<T> task;

    private NamespaceThread(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code body} on a new daemon thread that first enters {@code namespaceFile} (or stays, when null). */
    static <T> NamespaceThread<T> start(Path namespaceFile, String name, NamespaceEntry entry, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(() -> {
            if (namespaceFile != null) {
                entry.enter(namespaceFile);
            }
            return body.call();
        });
        Thread thread = new Thread(task, "testkit-netns-" + name);
        thread.setDaemon(true);
        thread.start();
        return new NamespaceThread<>(task);
    }

    /**
     * Waits for the task, at most 30 s.
     *
     * @return its result
     * @throws Exception what the task threw (an assertion failure included), or a
     *     {@link TimeoutException} after cancelling a task that did not finish
     */
    public T join() throws Exception {
        try {
            return task.get(JOIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        }
    }
}
