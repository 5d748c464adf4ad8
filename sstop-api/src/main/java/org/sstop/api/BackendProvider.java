package org.sstop.api;

import java.io.IOException;

/**
 * A provider of one backend service, found with {@link java.util.ServiceLoader} through one of
 * the service interfaces that extend this one.
 *
 * @param <T> the service it opens
 */
public interface BackendProvider<T extends Backend> {

    /** A short stable name, e.g. {@code linux-netlink}; users pass it to {@code --source}. */
    String name();

    /** The tier: higher wins among available providers of the same service. */
    int priority();

    /** Whether this provider can run here and, if not, why. Cheap, and never throws. */
    Availability availability();

    /**
     * Opens the service.
     *
     * @return a new, open service owned by the caller
     * @throws IOException when it cannot be opened after all
     */
    T open() throws IOException;
}
