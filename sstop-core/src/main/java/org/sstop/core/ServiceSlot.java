package org.sstop.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sstop.api.Availability;
import org.sstop.api.Backend;
import org.sstop.api.BackendProvider;
import org.sstop.api.PermanentFailureException;

/**
 * One backend service: its providers by tier, the one open now, and why each other one is not in
 * use. A provider whose {@code open()} fails, or whose backend fails permanently (or
 * {@value #MAX_FAILURES} times in a row) is closed and the next tier is opened. Used by the
 * sampling thread; {@link #report()} is read under the monitor's lock.
 *
 * @param <T> the service type
 */
final class ServiceSlot<T extends Backend> {

    /** Consecutive transient failures after which a backend is given up. */
    static final int MAX_FAILURES = 3;
    private static final System.Logger LOG = System.getLogger(ServiceSlot.class.getName());

    /** One call on the backend. */
    @FunctionalInterface
    interface Call<T, R> {
        R on(T backend) throws Exception;
    }

    /** One call on the backend that returns nothing. */
    @FunctionalInterface
    interface Action<T> {
        void on(T backend) throws Exception;
    }

    private static final class Candidate<T extends Backend> {
        final BackendProvider<T> provider;
        final String name;
        final int priority;
        final Availability availability;
        String reason;
        Throwable cause;

        Candidate(BackendProvider<T> provider, String name, int priority, Availability availability) {
            this.provider = provider;
            this.name = name;
            this.priority = priority;
            this.availability = availability;
            this.cause = availability.cause();
        }
    }

    final Service service;
    private final List<Candidate<T>> candidates = new ArrayList<>();
    private final String forced;
    private final boolean disabled;
    private boolean opened;
    private boolean closed;
    private int index = -1;
    private T current;
    private int failures;
    /** Bumped whenever what {@link #report()} says may have changed. */
    private int changes;

    /**
     * @param forced the only provider to use, or null
     * @param disabled whether the service is turned off (no provider is opened)
     */
    ServiceSlot(Service service, List<? extends BackendProvider<T>> providers, String forced, boolean disabled) {
        this.service = service;
        this.forced = forced;
        this.disabled = disabled;
        for (BackendProvider<T> p : providers) {
            candidates.add(probe(p, service, disabled));
        }
        candidates.sort(Comparator.comparingInt((Candidate<T> c) -> -c.priority).thenComparing(c -> c.name));
    }

    /**
     * A provider with its name, priority and availability; not probed when its service is turned
     * off (a probe may cost: the eBPF one parses the kernel's BTF). Providers a forced one passes
     * over are probed: the error for a forced provider that cannot run lists the available ones.
     */
    private static <T extends Backend> Candidate<T> probe(BackendProvider<T> p, Service service, boolean disabled) {
        String name;
        int priority;
        Availability a;
        try {
            name = String.valueOf(p.name());
            priority = p.priority();
        } catch (RuntimeException e) {
            name = p.getClass().getName();
            priority = Integer.MIN_VALUE;
        }
        if (disabled) {
            return new Candidate<>(p, name, priority, Availability.no("not probed: " + service.label() + " turned off"));
        }
        try {
            a = p.availability();
            if (a == null) {
                a = Availability.no("its availability probe returned nothing");
            }
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            a = Availability.no("its availability probe failed: " + describe(e), e);
        }
        if (!a.available() && a.cause() != null) {
            LOG.log(System.Logger.Level.DEBUG, "provider " + name + " unavailable: " + a.reason(), a.cause());
        }
        return new Candidate<>(p, name, priority, a);
    }

    /**
     * Rethrows an error that is the JVM's trouble, not the backend's (out of memory, internal
     * errors). A backend's own faults are survived like its exceptions: the backend is given up,
     * the monitor goes on. Those are a class that failed to load or link (JNA without its native
     * library), a failed assertion, and runaway recursion.
     */
    static void rethrowIfFatal(Throwable e) {
        if (e instanceof Error err && !(err instanceof LinkageError || err instanceof AssertionError
                || err instanceof StackOverflowError)) {
            throw err;
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Names of the available providers that have not failed, highest tier first. */
    List<String> availableNames() {
        return candidates.stream().filter(c -> c.availability.available() && c.reason == null).map(c -> c.name).toList();
    }

    /** The availability of the provider with this name, or null when there is none. */
    Availability availabilityOf(String name) {
        for (Candidate<T> c : candidates) {
            if (c.name.equals(name)) {
                return c.availability;
            }
        }
        return null;
    }

    /** The failure reason recorded for a provider, or null. */
    String reasonOf(String name) {
        for (Candidate<T> c : candidates) {
            if (c.name.equals(name)) {
                return c.reason;
            }
        }
        return null;
    }

    /** Opens the best available provider below the current one; false when none is left. */
    boolean openNext() {
        opened = true;
        changes++;
        for (int i = index + 1; i < candidates.size() && !disabled; i++) {
            Candidate<T> c = candidates.get(i);
            if (forced != null && !c.name.equals(forced) || !c.availability.available()) {
                continue;
            }
            try {
                T t = c.provider.open();
                if (t == null) {
                    throw new IllegalStateException("open() returned null");
                }
                index = i;
                current = t;
                failures = 0;
                return true;
            } catch (Exception | Error e) {
                rethrowIfFatal(e);
                c.reason = "open failed: " + describe(e);
                c.cause = e;
                LOG.log(System.Logger.Level.WARNING, service.label() + " provider " + c.name + " failed to open", e);
            }
        }
        index = candidates.size();
        current = null;
        return false;
    }

    /** The open backend, or null when none runs. */
    T current() {
        return current;
    }

    /**
     * Runs one call on the open backend, recording success or failure (a failure may close it
     * and open the next tier).
     *
     * @return the call's result, or null when no backend runs or the call failed
     */
    <R> R call(Call<T, R> call) {
        T t = current;
        if (t == null) {
            return null;
        }
        try {
            R r = call.on(t);
            failures = 0;
            return r;
        } catch (Exception | Error e) {
            rethrowIfFatal(e);
            failed(e);
            return null;
        }
    }

    /** Runs one action on the open backend, like {@link #call}; nothing when no backend runs. */
    void run(Action<T> action) {
        call(t -> {
            action.on(t);
            return Boolean.TRUE;
        });
    }

    /** A call on the current backend succeeded. */
    void succeeded() {
        failures = 0;
    }

    /**
     * A call on the current backend failed. Permanent failures (a class that cannot load never
     * will), and the {@value #MAX_FAILURES}th transient one in a row, close it and open the next tier.
     *
     * @param e an exception, or an error {@link #rethrowIfFatal} let through
     * @return true when the backend was replaced (or is gone)
     */
    boolean failed(Throwable e) {
        if (current == null) {
            return false;
        }
        boolean permanent = e instanceof PermanentFailureException || e instanceof LinkageError;
        if (!permanent && ++failures < MAX_FAILURES) {
            LOG.log(System.Logger.Level.DEBUG, service.label() + " backend call failed (" + failures + " in a row)", e);
            return false;
        }
        changes++;
        Candidate<T> c = candidates.get(index);
        c.reason = (permanent ? "failed permanently: " : "failed " + MAX_FAILURES + " times in a row: ") + describe(e);
        c.cause = e;
        LOG.log(System.Logger.Level.WARNING, service.label() + " backend " + c.name + " given up: " + c.reason, e);
        closeCurrent();
        openNext();
        return true;
    }

    private void closeCurrent() {
        T t = current;
        current = null;
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException | Error e) {
                rethrowIfFatal(e);
                LOG.log(System.Logger.Level.WARNING, service.label() + " backend failed to close", e);
            }
        }
    }

    /** Closes the open backend; the slot stays without one. */
    void close() {
        changes++;
        closed = true;
        closeCurrent();
    }

    int changes() {
        return changes;
    }

    /** The report: which one is in use (or, before opening, would be) and why the others are not. */
    BackendReport.ServiceReport report() {
        int selected = closed || disabled ? -1 : opened ? (current == null ? -1 : index) : firstEligible();
        String selectedName = selected < 0 ? null : candidates.get(selected).name;
        List<BackendReport.Candidate> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate<T> c = candidates.get(i);
            boolean sel = i == selected;
            out.add(new BackendReport.Candidate(c.name, c.priority, c.availability.available(),
                    sel ? "" : reason(c, i, selectedName), c.availability.available() ? c.availability.reason() : "",
                    c.cause, sel));
        }
        return new BackendReport.ServiceReport(service.label(), selectedName, out);
    }

    private String reason(Candidate<T> c, int i, String selectedName) {
        if (c.reason != null) {
            return c.reason;
        }
        if (!c.availability.available()) {
            return c.availability.reason();
        }
        if (closed && i == index) {
            return "closed with the monitor";
        }
        if (disabled) {
            return "not used: " + service.label() + " turned off";
        }
        if (forced != null && !c.name.equals(forced)) {
            return "not used: " + service.label() + " forced to " + forced;
        }
        return selectedName != null ? "lower priority than " + selectedName : "not used";
    }

    private int firstEligible() {
        for (int i = 0; i < candidates.size(); i++) {
            Candidate<T> c = candidates.get(i);
            if (c.availability.available() && (forced == null || c.name.equals(forced))) {
                return i;
            }
        }
        return -1;
    }
}
