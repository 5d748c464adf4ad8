package org.sstop.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.sstop.api.BackendProvider;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowCounterProvider;
import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;
import org.sstop.api.TrafficCounter;
import org.sstop.api.TrafficCounterProvider;

/**
 * The service slots of a monitor: sorts the providers into them and opens, per service, the
 * highest-priority available one (or the forced one; none for a disabled service). Only a socket
 * source is required.
 */
final class Backends implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    final ServiceSlot<SocketSource> sockets;
    final ServiceSlot<ProcessMapper> processes;
    final ServiceSlot<InterfaceSource> interfaces;
    final ServiceSlot<FlowCounter> flows;
    final ServiceSlot<TrafficCounter> counters;
    private final Map<Service, String> forced;

    /**
     * @param forced per service, the only provider to use
     * @param disabled services to leave without a provider (not {@link Service#SOCKETS})
     */
    Backends(List<? extends BackendProvider<?>> providers, Map<Service, String> forced, Set<Service> disabled) {
        this.forced = Map.copyOf(forced);
        List<SocketSourceProvider> s = new ArrayList<>();
        List<ProcessMapperProvider> p = new ArrayList<>();
        List<InterfaceSourceProvider> i = new ArrayList<>();
        List<FlowCounterProvider> f = new ArrayList<>();
        List<TrafficCounterProvider> c = new ArrayList<>();
        for (BackendProvider<?> provider : providers) {
            boolean known = false;
            if (provider instanceof SocketSourceProvider x) {
                known = s.add(x);
            }
            if (provider instanceof ProcessMapperProvider x) {
                known = p.add(x);
            }
            if (provider instanceof InterfaceSourceProvider x) {
                known = i.add(x);
            }
            if (provider instanceof FlowCounterProvider x) {
                known = f.add(x);
            }
            if (provider instanceof TrafficCounterProvider x) {
                known = c.add(x);
            }
            if (!known) {
                throw new IllegalArgumentException("not a provider of a known service: " + provider.getClass().getName());
            }
        }
        sockets = new ServiceSlot<>(Service.SOCKETS, s, forced.get(Service.SOCKETS), false);
        processes = new ServiceSlot<>(Service.PROCESSES, p, forced.get(Service.PROCESSES), disabled.contains(Service.PROCESSES));
        interfaces = new ServiceSlot<>(Service.INTERFACES, i, forced.get(Service.INTERFACES), disabled.contains(Service.INTERFACES));
        flows = new ServiceSlot<>(Service.FLOWS, f, forced.get(Service.FLOWS), disabled.contains(Service.FLOWS));
        counters = new ServiceSlot<>(Service.COUNTERS, c, forced.get(Service.COUNTERS), disabled.contains(Service.COUNTERS));
    }

    /** Every provider the ServiceLoader finds through {@code loader}; broken registrations are logged and skipped. */
    static List<BackendProvider<?>> load(ClassLoader loader) {
        List<BackendProvider<?>> out = new ArrayList<>();
        loadInto(out, SocketSourceProvider.class, loader);
        loadInto(out, ProcessMapperProvider.class, loader);
        loadInto(out, InterfaceSourceProvider.class, loader);
        loadInto(out, FlowCounterProvider.class, loader);
        loadInto(out, TrafficCounterProvider.class, loader);
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

    private List<ServiceSlot<?>> slots() {
        return List.of(sockets, processes, interfaces, flows, counters);
    }

    /**
     * Opens the best provider of every service.
     *
     * @throws BackendSelectionException when a forced provider is unknown, unavailable or fails
     *     to open, or no socket source opens at all
     */
    void open() throws BackendSelectionException {
        for (ServiceSlot<?> slot : slots()) {
            String name = forced.get(slot.service);
            if (name != null) {
                var a = slot.availabilityOf(name);
                if (a == null) {
                    throw new BackendSelectionException("unknown " + what(slot) + " '" + name + "'; " + availableList(slot));
                }
                if (!a.available()) {
                    throw new BackendSelectionException(what(slot) + " '" + name + "' is unavailable: " + a.reason()
                            + "; " + availableList(slot));
                }
            }
        }
        for (ServiceSlot<?> slot : slots()) {
            String name = forced.get(slot.service);
            if (!slot.openNext() && (name != null || slot == sockets)) {
                throw new BackendSelectionException(name != null
                        ? what(slot) + " '" + name + "' could not be opened: " + slot.reasonOf(name) + "; " + availableList(slot)
                        : "no socket source could be opened: " + describe(sockets.report()));
            }
        }
    }

    private static String what(ServiceSlot<?> slot) {
        return slot.service == Service.SOCKETS ? "socket source" : slot.service.label() + " provider";
    }

    private static String availableList(ServiceSlot<?> slot) {
        List<String> names = slot.availableNames();
        return names.isEmpty() ? "no other " + what(slot) + " is available here" : "available: " + String.join(", ", names);
    }

    private static String describe(BackendReport.ServiceReport s) {
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

    /**
     * Reads the socket source. When it fails for good, the next tier is opened and read, after
     * {@code onNewTier} ran (its sockets have other identities: its first sample is a baseline).
     *
     * @throws IOException when the source fails (transiently), or no socket source is left
     */
    SocketSample readSockets(Runnable onNewTier) throws IOException {
        while (true) {
            SocketSource source = sockets.current();
            if (source == null) {
                throw new IOException("no socket source left: " + sockets.report().candidates());
            }
            try {
                SocketSample s = source.sample();
                sockets.succeeded();
                return s;
            } catch (IOException | RuntimeException | Error e) {
                ServiceSlot.rethrowIfFatal(e);
                if (!sockets.failed(e)) {
                    throw e instanceof IOException io ? io : new IOException("socket source failed", e);
                }
                onNewTier.run();
            }
        }
    }

    /** Changes whenever a report could differ from the previous one. */
    int changes() {
        return sockets.changes() + processes.changes() + interfaces.changes() + flows.changes() + counters.changes();
    }

    BackendReport report() {
        return new BackendReport(List.of(sockets.report(), processes.report(), interfaces.report(), flows.report(),
                counters.report()));
    }

    /** Closes every open backend. */
    @Override
    public void close() {
        counters.close();
        flows.close();
        interfaces.close();
        processes.close();
        sockets.close();
    }
}
