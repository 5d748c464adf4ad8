package org.sstop.app;

import java.io.PrintStream;
import org.sstop.core.Snapshot;
import org.sstop.tui.text.Sanitizer;

/**
 * Tells the user on stderr, once, what limits sstop's view (the backends' limitations, e.g. other
 * users' sockets that cannot be mapped without root) and, when it does not run as root, how to
 * get full visibility. Later changes stay in each JSON line's {@code visibility}: some notes carry
 * counts that change every sample, and stderr must not scroll with them.
 */
public final class PrivilegeNotice {

    /** How to get full visibility; the capabilities are those the Linux backends ask for. */
    static final String ADVICE = "sstop: for full visibility run it as root (sudo ./sstop), or grant the java binary "
            + "cap_sys_ptrace,cap_dac_read_search (map other users' sockets to processes), cap_net_admin "
            + "(no lost close notifications) and cap_net_raw (UDP bytes from the packet counter)";

    private final PrintStream err;
    private final boolean root;
    private boolean done;

    /**
     * A notice printing to a stream.
     *
     * @param err where to print (stderr)
     * @param root whether sstop runs as root (then no advice is given)
     */
    public PrivilegeNotice(PrintStream err, boolean root) {
        this.err = err;
        this.root = root;
    }

    /**
     * Prints the snapshot's limitations if nothing was printed before.
     *
     * @param snapshot the latest snapshot
     * @return whether anything was printed
     */
    public boolean update(Snapshot snapshot) {
        if (done || snapshot.visibility().limitations().isEmpty()) {
            return false;
        }
        done = true;
        for (String limitation : snapshot.visibility().limitations()) {
            err.println("sstop: limited visibility: " + Sanitizer.clean(limitation));
        }
        if (!root) {
            err.println(ADVICE);
        }
        err.flush();
        return true;
    }
}
