package org.sstop.app;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import org.sstop.core.Snapshot;
import org.sstop.tui.text.Sanitizer;

/**
 * Tells the user on stderr, once, what sstop cannot see with its privileges and how to get full
 * visibility. Each limitation the backends report is printed the first time it appears (a later
 * fallback to another backend may add one); the advice follows the first of them.
 */
public final class PrivilegeNotice {

    /** How to get full visibility, printed after the first limitations. */
    static final String ADVICE = "sstop: for full visibility run it as root (sudo ./sstop), or give the java process "
            + "CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH (to map other users' sockets to processes) and "
            + "CAP_NET_ADMIN (close notifications), e.g. with systemd's AmbientCapabilities=";

    private final PrintStream err;
    private final Set<String> printed = new HashSet<>();

    /**
     * A notice printing to a stream.
     *
     * @param err where to print (stderr)
     */
    public PrivilegeNotice(PrintStream err) {
        this.err = err;
    }

    /**
     * Prints the snapshot's limitations not printed before.
     *
     * @param snapshot the latest snapshot
     * @return whether anything was printed
     */
    public boolean update(Snapshot snapshot) {
        boolean first = printed.isEmpty();
        boolean any = false;
        for (String limitation : snapshot.visibility().limitations()) {
            if (printed.add(limitation)) {
                err.println("sstop: limited visibility: " + Sanitizer.clean(limitation));
                any = true;
            }
        }
        if (first && any) {
            err.println(ADVICE);
        }
        err.flush();
        return any;
    }
}
