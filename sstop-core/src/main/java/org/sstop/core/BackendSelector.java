package org.sstop.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.sstop.api.BackendProvider;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowCounterProvider;
import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * Finds providers (ServiceLoader or an explicit list), sorts them into the four services and
 * picks, per service, the highest-priority available one. Only a socket source is required.
 */
final class BackendSelector implements AutoCloseable {

    static final String SOCKETS = "sockets";
    static final String PROCESSES = "processes";
    static final String INTERFACES = "interfaces";
    static final String FLOWS = "flows";
    private static final System.Logger LOG = System.getLogger(BackendSelector.class.getName());

    final ServiceSlot<SocketSource> sockets;
    final ServiceSlot<ProcessMapper> processes;
    final ServiceSlot<InterfaceSource> interfaces;
    final ServiceSlot<FlowCounter> flows;
    private final String forcedSource;

    BackendSelector(List<? extends BackendProvider<?>> providers, String forcedSource) {
        this.forcedSource = forcedSource;
        List<SocketSourceProvider> s = new ArrayList<>();
        List<ProcessMapperProvider> p = new ArrayList<>();
        List<InterfaceSourceProvider> i = new ArrayList<>();
        List<FlowCounterProvider> f = new ArrayList<>();
        for (BackendProvider<?> provider : providers) {
            boolean known = false;
            if (provider instanceof SocketSourceProvider x) {
                s.add(x);
                known = true;
            }
            if (provider instanceof ProcessMapperProvider x) {
                p.add(x);
                known = true;
            }
            if (provider instanceof InterfaceSourceProvider x) {
                i.add(x);
                known = true;
            }
            if (provider instanceof FlowCounterProvider x) {
                f.add(x);
                known = true;
            }
            if (!known) {
                throw new IllegalArgumentException("not a provider of a known service: " + provider.getClass().getName());
            }
        }
        sockets = new ServiceSlot<>(SOCKETS, s, forcedSource);
        processes = new ServiceSlot<>(PROCESSES, p, null);
        interfaces = new ServiceSlot<>(INTERFACES, i, null);
        flows = new ServiceSlot<>(FLOWS, f, null);
    }

    /** Every provider the ServiceLoader finds through {@code loader}; broken registrations are logged and skipped. */
    static List<BackendProvider<?>> load(ClassLoader loader) {
        List<BackendProvider<?>> out = new ArrayList<>();
        loadInto(out, SocketSourceProvider.class, loader);
        loadInto(out, ProcessMapperProvider.class, loader);
        loadInto(out, InterfaceSourceProvider.class, loader);
        loadInto(out, FlowCounterProvider.class, loader);
        return out;
    }

    private static <P extends BackendProvider<?>> void loadInto(List<BackendProvider<?>> out, Class<P> type, ClassLoader loader) {
        Iterator<P> it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "skipping a broken " + type.getSimpleName() + " registration", e);
            }
        }
    }

    /**
     * Opens the best provider of every service.
     *
     * @throws BackendSelectionException when the forced source is unknown, unavailable or fails
     *     to open, or no socket source opens at all
     */
    void open() throws BackendSelectionException {
        if (forcedSource != null) {
            var a = sockets.availabilityOf(forcedSource);
            if (a == null) {
                throw new BackendSelectionException("unknown socket source '" + forcedSource + "'; " + availableList());
            }
            if (!a.available()) {
                throw new BackendSelectionException("socket source '" + forcedSource + "' is unavailable: "
                        + a.reason() + "; " + availableList());
            }
        }
        if (!sockets.openNext()) {
            String why = forcedSource != null
                    ? "socket source '" + forcedSource + "' could not be opened: " + sockets.reasonOf(forcedSource) + "; " + availableList()
                    : "no socket source could be opened: " + describe(sockets.report());
            throw new BackendSelectionException(why);
        }
        processes.openNext();
        interfaces.openNext();
        flows.openNext();
    }

    private String availableList() {
        List<String> names = sockets.availableNames();
        return names.isEmpty() ? "no socket source is available here" : "available: " + String.join(", ", names);
    }

    private static String describe(BackendReport.Service s) {
        if (s.candidates().isEmpty()) {
            return "no socket source provider found on the class path";
        }
        StringBuilder b = new StringBuilder();
        for (BackendReport.Candidate c : s.candidates()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(c.name()).append(": ").append(c.reason());
        }
        return b.toString();
    }

    /** Changes whenever a report could differ from the previous one. */
    int changes() {
        return sockets.changes() + processes.changes() + interfaces.changes() + flows.changes();
    }

    BackendReport report() {
        return new BackendReport(List.of(sockets.report(), processes.report(), interfaces.report(), flows.report()));
    }

    /** Closes every open backend. */
    @Override
    public void close() {
        flows.close();
        interfaces.close();
        processes.close();
        sockets.close();
    }
}
