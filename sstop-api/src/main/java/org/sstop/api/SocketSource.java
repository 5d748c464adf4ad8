package org.sstop.api;

import java.io.IOException;

/** Lists the host's TCP and UDP sockets, IPv4 and IPv6. Threading: see {@link Backend}. */
public interface SocketSource extends Backend {

    /**
     * Takes one sample: the live sockets, and those closed since the previous call.
     *
     * @return the sample; its lists are immutable
     * @throws IOException on failure ({@link PermanentFailureException} if it will not recover)
     */
    SocketSample sample() throws IOException;
}
