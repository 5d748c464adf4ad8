package org.sstop.core;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The monitor's own sampling thread ({@code sstop-sampler-N}, daemon): takes a sample every
 * interval, scheduled on the monotonic clock, and pushes it to the listeners. A changed interval
 * applies from the next sample on; {@link #stop()} wakes and joins the thread.
 */
final class Sampler {

    /** What the thread calls. */
    interface Target {
        Snapshot sample() throws Exception;

        long intervalNanos();

        boolean closed();
    }

    private static final System.Logger LOG = System.getLogger(Sampler.class.getName());

    private final Target target;
    private final List<SnapshotListener> listeners;
    private final LongSupplier ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private Thread thread;
    private boolean stopping;

    Sampler(Target target, List<SnapshotListener> listeners, LongSupplier ticker) {
        this.target = target;
        this.listeners = List.copyOf(listeners);
        this.ticker = ticker;
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

    /** Stops and joins the thread (unless called from it). Idempotent. */
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
        if (t != null && t != Thread.currentThread()) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Snapshot initial, Exception initialError, long initialNanos) {
        long last = initialNanos;
        if (initial != null) {
            push(initial);
        }
        if (initialError != null) {
            pushError(initialError);
        }
        while (true) {
            if (!awaitNext(last)) {
                return;
            }
            last = ticker.getAsLong();
            Snapshot s;
            try {
                s = target.sample();
            } catch (Exception e) {
                if (target.closed()) {
                    return; // closed underneath us
                }
                pushError(e);
                continue;
            }
            push(s);
        }
    }

    private void pushError(Exception e) {
        for (SnapshotListener l : listeners) {
            try {
                l.onError(e);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "listener failed in onError", ex);
            }
        }
    }

    private void push(Snapshot s) {
        for (SnapshotListener l : listeners) {
            try {
                l.onSnapshot(s);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "listener failed", ex);
            }
        }
    }

    /** Waits until {@code last + interval}; false when stopping. */
    private boolean awaitNext(long last) {
        lock.lock();
        try {
            while (!stopping) {
                long wait = last + target.intervalNanos() - ticker.getAsLong();
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
