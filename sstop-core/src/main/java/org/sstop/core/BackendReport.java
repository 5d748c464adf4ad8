package org.sstop.core;

import java.util.List;
import java.util.Optional;

/**
 * Which provider serves each backend service, and why the others were passed over.
 *
 * @param services one entry per service, in the order sockets, processes, interfaces, flows
 */
public record BackendReport(List<Service> services) {

    /** Copies the list. */
    public BackendReport {
        services = List.copyOf(services);
    }

    /** The report of one service by its name ({@code sockets}, {@code processes}, {@code interfaces}, {@code flows}). */
    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The selected provider's name for a service, or null if none runs. */
    public String selected(String service) {
        return service(service).map(Service::selected).orElse(null);
    }

    /**
     * One service.
     *
     * @param name {@code sockets}, {@code processes}, {@code interfaces} or {@code flows}
     * @param selected the provider in use, or null when none is
     * @param candidates every provider found, highest priority first
     */
    public record Service(String name, String selected, List<Candidate> candidates) {

        /** Copies the list. */
        public Service {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * One provider of a service.
     *
     * @param name provider name
     * @param priority its tier
     * @param available whether it could run
     * @param reason why it is unavailable, failed, or was passed over; empty when selected
     * @param selected whether it is the one in use
     */
    public record Candidate(String name, int priority, boolean available, String reason, boolean selected) {
    }
}
