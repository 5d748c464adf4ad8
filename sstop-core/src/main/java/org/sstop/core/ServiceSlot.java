package org.sstop.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sstop.api.Availability;
import org.sstop.api.Backend;
import org.sstop.api.BackendProvider;
import org.sstop.api.PermanentFailureException;

/**
 * One backend service (sockets, processes, interfaces or flows): its providers by tier, the one
 * open now, and why each other one is not in use. A provider whose {@code open()} fails, or whose
 * backend fails permanently (or {@value #MAX_FAILURES} times in a row) is closed and the next
 * tier is opened.
 *
 * @param <T> the service type
 */
final class ServiceSlot<T extends Backend> {

    /** Consecutive transient failures after which a backend is given up. */
    static final int MAX_FAILURES = 3;
    private static final System.Logger LOG = System.getLogger(ServiceSlot.class.getName());

    private static final class Candidate<T extends Backend> {
        final BackendProvider<T> provider;
        final String name;
        final int priority;
        final Availability availability;
        String reason;

        Candidate(BackendProvider<T> provider, String name, int priority, Availability availability) {
            this.provider = provider;
            this.name = name;
            this.priority = priority;
            this.availability = availability;
        }
    }

    final String service;
    private final List<Candidate<T>> candidates = new ArrayList<>();
    private final String forced;
    private boolean opened;
    private int index = -1;
    private T current;
    private int failures;
    /** Bumped whenever what {@link #report()} says may have changed. */
    private int changes;

    ServiceSlot(String service, List<? extends BackendProvider<T>> providers, String forced) {
        this.service = service;
        this.forced = forced;
        for (BackendProvider<T> p : providers) {
            candidates.add(probe(p));
        }
        candidates.sort(Comparator.comparingInt((Candidate<T> c) -> -c.priority).thenComparing(c -> c.name));
    }

    private static <T extends Backend> Candidate<T> probe(BackendProvider<T> p) {
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
        try {
            a = p.availability();
            if (a == null) {
                a = Availability.no("its availability probe returned nothing");
            }
        } catch (RuntimeException | LinkageError e) {
            a = Availability.no("its availability probe failed: " + describe(e));
        }
        return new Candidate<>(p, name, priority, a);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Names of the available providers, highest tier first. */
    List<String> availableNames() {
        return candidates.stream().filter(c -> c.availability.available()).map(c -> c.name).toList();
    }

    /** Whether a provider with this name was found; whether it is available. */
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
        for (int i = index + 1; i < candidates.size(); i++) {
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
            } catch (Exception | LinkageError e) {
                c.reason = "open failed: " + describe(e);
                LOG.log(System.Logger.Level.WARNING, service + " provider " + c.name + " failed to open", e);
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

    /** The name of the open provider, or null. */
    String currentName() {
        return current == null ? null : candidates.get(index).name;
    }

    /** A call on the current backend succeeded. */
    void succeeded() {
        failures = 0;
    }

    /**
     * A call on the current backend failed. Permanent failures, and the
     * {@value #MAX_FAILURES}th transient one in a row, close it and open the next tier.
     *
     * @return true when the backend was replaced (or is gone)
     */
    boolean failed(Exception e) {
        if (current == null) {
            return false;
        }
        boolean permanent = e instanceof PermanentFailureException;
        if (!permanent && ++failures < MAX_FAILURES) {
            return false;
        }
        changes++;
        Candidate<T> c = candidates.get(index);
        c.reason = (permanent ? "failed permanently: " : "failed " + MAX_FAILURES + " times in a row: ") + describe(e);
        LOG.log(System.Logger.Level.WARNING, service + " backend " + c.name + " given up: " + c.reason, e);
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
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, service + " backend failed to close", e);
            }
        }
    }

    /** Closes the open backend; the slot stays without one. */
    void close() {
        changes++;
        closeCurrent();
    }

    int changes() {
        return changes;
    }

    /** The report: which one is in use (or, before opening, would be) and why the others are not. */
    BackendReport.Service report() {
        int selected = opened ? (current == null ? -1 : index) : firstEligible();
        String selectedName = selected < 0 ? null : candidates.get(selected).name;
        List<BackendReport.Candidate> out = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate<T> c = candidates.get(i);
            boolean sel = i == selected;
            String reason;
            if (sel) {
                reason = "";
            } else if (c.reason != null) {
                reason = c.reason;
            } else if (!c.availability.available()) {
                reason = c.availability.reason();
            } else if (forced != null && !c.name.equals(forced)) {
                reason = "not used: " + service + " forced to " + forced;
            } else if (selectedName != null) {
                reason = "lower priority than " + selectedName;
            } else {
                reason = "not used";
            }
            out.add(new BackendReport.Candidate(c.name, c.priority, c.availability.available(), reason, sel));
        }
        return new BackendReport.Service(service, selectedName, out);
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
