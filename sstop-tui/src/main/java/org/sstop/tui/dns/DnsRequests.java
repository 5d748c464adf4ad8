package org.sstop.tui.dns;

import java.util.ArrayList;
import java.util.List;
import org.sstop.api.IpAddress;
import org.sstop.core.SocketStats;
import org.sstop.core.HostStats;
import org.sstop.core.ProcessStats;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;

/** Which addresses to resolve for the current screen: none unless DNS names are allowed and on. */
public final class DnsRequests {

    /** Hosts asked for per snapshot at most (lookups in flight are bounded anyway). */
    static final int MAX_PER_SNAPSHOT = 64;

    private DnsRequests() {
    }

    /**
     * The addresses worth a reverse lookup now: the remote ends of the process in the detail view,
     * else the busiest hosts; loopback and wildcard addresses never.
     *
     * @param s the state
     * @return addresses, empty when DNS is off or forbidden ({@code -n})
     */
    public static List<IpAddress> wanted(UiState s) {
        List<IpAddress> out = new ArrayList<>();
        if (!s.dnsAllowed() || !s.dns() || s.snapshot() == null) {
            return out;
        }
        if (s.view() == View.DETAIL) {
            ProcessStats p = s.rows().detailProcess();
            if (p != null) {
                for (SocketStats c : p.sockets()) {
                    add(out, c.remote().address());
                }
            }
        } else {
            for (HostStats h : s.snapshot().hosts()) {
                add(out, h.address());
            }
        }
        return out;
    }

    private static void add(List<IpAddress> out, IpAddress a) {
        if (out.size() < MAX_PER_SNAPSHOT && !a.isAny() && !a.isLoopback() && !out.contains(a)) {
            out.add(a);
        }
    }
}
