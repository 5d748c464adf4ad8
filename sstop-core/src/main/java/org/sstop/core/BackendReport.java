package org.sstop.core;

import java.util.List;
import java.util.Optional;

/**
 * Which provider serves each backend service, and why the others were passed over.
 *
 * @param services one entry per service, in the order of {@link Service}
 */
public record BackendReport(List<ServiceReport> services) {

    /** Copies the list. */
    public BackendReport {
        services = List.copyOf(services);
    }

    /** The report of one service by its {@link Service#label() label}, if there is such a service. */
    public Optional<ServiceReport> service(String label) {
        return services.stream().filter(s -> s.name().equals(label)).findFirst();
    }

    /** The report of one service. */
    public ServiceReport service(Service service) {
        return service(service.label()).orElseThrow();
    }

    /** The selected provider's name for a service (by label), or null if none runs. */
    public String selected(String label) {
        return service(label).map(ServiceReport::selected).orElse(null);
    }

    /** The selected provider's name for a service, or null if none runs. */
    public String selected(Service service) {
        return selected(service.label());
    }

    /**
     * One service.
     *
     * @param name the service's label: {@code sockets}, {@code processes}, {@code interfaces} or {@code flows}
     * @param selected the provider in use, or null when none is
     * @param candidates every provider found, highest priority first
     */
    public record ServiceReport(String name, String selected, List<Candidate> candidates) {

        /** Copies the list. */
        public ServiceReport {
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
     * @param note what the provider says about itself when available (e.g. what it will not see); may be empty
     * @param cause the error behind an unavailability or a failure, or null (for logs and bug reports)
     * @param selected whether it is the one in use
     */
    public record Candidate(String name, int priority, boolean available, String reason, String note, Throwable cause,
            boolean selected) {
    }
}
