package org.sstop.api;

import java.io.IOException;
import java.util.List;

/** Reads cumulative per-interface counters. Threading: see {@link Backend}. */
public interface InterfaceSource extends Backend {

    /**
     * Reads the counters of every interface, each once.
     *
     * @return the counters
     * @throws IOException on failure
     */
    List<InterfaceCounters> read() throws IOException;
}
