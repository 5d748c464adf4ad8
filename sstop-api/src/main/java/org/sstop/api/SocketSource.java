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

    /**
     * Tells the source whether its sockets' byte counters are used. They are not while a
     * {@link TrafficCounter} counts every socket's bytes in the kernel: then a source may list
     * sockets without counters ({@link SocketInfo#UNKNOWN}), and may list them again from its last
     * look while none opened, closed or changed state. The engine calls this before a sample,
     * whenever the answer changes; the default ignores it (counters are always listed).
     *
     * @param wanted whether byte counters are used
     */
    default void byteCountersWanted(boolean wanted) {
    }
}
