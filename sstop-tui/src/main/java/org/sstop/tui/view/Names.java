package org.sstop.tui.view;

import org.sstop.api.IpAddress;

/** Host names known so far; a read-only look-up that never blocks (the render path does no DNS). */
@FunctionalInterface
public interface Names {

    /** No names at all. */
    Names NONE = address -> null;

    /**
     * The cached name of an address.
     *
     * @param address the address
     * @return its name, or null when not (yet) known
     */
    String nameOf(IpAddress address);
}
