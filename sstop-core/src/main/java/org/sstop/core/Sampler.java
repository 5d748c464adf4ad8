package org.sstop.core;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The monitor's own sampling thread ({@code sstop-sampler-N}, daemon): takes a sample every
 * interval, scheduled on the monotonic clock, and pushes it to the listeners. Whatever a sample or
 * a listener throws is handed to every listener's {@code onError} and logged (rate-limited); the
 * thread goes on. A changed interval applies from the next sample on; {@link #stop()} wakes the
 * thread and waits for it a bounded time.
 */
final class Sampler {

    /**
     * What the thread calls.
     *
     * @param sample takes a sample
     * @param intervalNanos the interval now in force
     * @param closed whether the monitor was closed (a sample that failed then is no error)
     */
    record Target(Callable<Snapshot> sample, LongSupplier intervalNanos, BooleanSupplier closed) {
    }

    /** How long {@link #stop()} waits for a sample or listener call in progress before it interrupts and returns. */
    static final long STOP_WAIT_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(Sampler.class.getName());

    private final Target target;
    /** Added and removed from any thread; each push reads the list as it is then. */
    private final List<SnapshotListener> listeners;
    private final LongSupplier ticker;
    private final FailureLog failures;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private Thread thread;
    private boolean stopping;
    /** The listener the thread is calling, or null in a sample: written by the thread, read by {@link #stop()} for its warning. */
    private volatile SnapshotListener calling;

    Sampler(Target target, List<SnapshotListener> listeners, LongSupplier ticker) {
        this.target = target;
        this.listeners = new CopyOnWriteArrayList<>(listeners);
        this.ticker = ticker;
        this.failures = new FailureLog(LOG, ticker);
    }

    /** Adds a listener; pushes from the next snapshot on get it. */
    void addListener(SnapshotListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener (once, if it was added twice); a push in progress may still reach it. */
    boolean removeListener(SnapshotListener listener) {
        return listeners.remove(listener);
    }

    /** Whether {@link #start} ran. */
    boolean started() {
        lock.lock();
        try {
            return thread != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the thread.
     *
     * @param initial a sample already taken by the caller (the baseline), pushed first; or null
     * @param initialError why the caller's sample failed, reported first; or null
     * @param initialNanos when it was taken, on the ticker; the next sample is one interval later
     */
    void start(Snapshot initial, Exception initialError, long initialNanos) {
        lock.lock();
        try {
            if (thread != null || stopping) {
                return;
            }
            Thread t = new Thread(() -> run(initial, initialError, initialNanos));
            // The thread id is unique in the JVM, so the name needs no shared counter.
            t.setName("sstop-sampler-" + t.getId());
            t.setDaemon(true);
            thread = t;
            t.start();
        } finally {
            lock.unlock();
        }
    }

    /** The interval changed: re-plan the wait from the last sample. */
    void intervalChanged() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the thread: waits up to {@value #STOP_WAIT_MILLIS} ms for it (a sample or a listener
     * may be running), then interrupts it and returns. Idempotent; does not wait when called from the thread.
     */
    void stop() {
        Thread t;
        lock.lock();
        try {
            stopping = true;
            wake.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (t.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                SnapshotListener l = calling;
                LOG.log(System.Logger.Level.WARNING, t.getName() + " is still in "
                        + (l == null ? "a sample" : "the listener " + l.getClass().getName()) + " after "
                        + STOP_WAIT_MILLIS + " ms; interrupting it and closing without it");
                t.interrupt();
                break;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Snapshot initial, Exception initialError, long initialNanos) {
        long last = initialNanos;
        if (initial != null) {
            push(initial);
        }
        if (initialError != null) {
            pushError("sample failed", initialError);
        }
        while (awaitNext(last)) {
            last = ticker.getAsLong();
            Snapshot s;
            try {
                calling = null;
                s = target.sample().call();
            } catch (Throwable e) {
                if (target.closed().getAsBoolean()) {
                    return; // closed underneath us
                }
                pushError("sample failed", e);
                continue;
            }
            push(s);
        }
    }

    private void push(Snapshot s) {
        for (SnapshotListener l : listeners) {
            try {
                calling = l;
                l.onSnapshot(s);
            } catch (Throwable e) {
                pushError("listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    private void pushError(String kind, Throwable error) {
        failures.failed(kind, error);
        for (SnapshotListener l : listeners) {
            try {
                calling = l;
                l.onError(error);
            } catch (Throwable e) {
                failures.failed("listener " + l.getClass().getName() + " failed in onError", e);
            }
        }
    }

    /** Waits until {@code last + interval}; false when stopping. */
    private boolean awaitNext(long last) {
        lock.lock();
        try {
            while (!stopping) {
                long wait = last + target.intervalNanos().getAsLong() - ticker.getAsLong();
                if (wait <= 0) {
                    return true;
                }
                try {
                    wake.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(10)));
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }
}
