package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.SocketStats;

/**
 * The process table limited to some interfaces ({@code i}/Tab, or {@code sstop eth0}): each
 * process with the traffic of its open sockets on those interfaces, as far as a socket's local
 * address tells its interface ({@link SocketStats#iface()}); processes with no such socket are
 * left out. What is not on an open socket (bytes of sockets already closed, or counted per
 * process only) is not in these rows, and a process has no per-interface history, so its
 * sparkline is empty: the header says so. Stateless.
 */
final class InterfaceRows {

    private InterfaceRows() {
    }

    /**
     * The processes as seen on the chosen interfaces.
     *
     * @param processes the snapshot's processes
     * @param names the chosen interfaces; empty for all (the list itself is returned)
     * @return the processes with a socket on one of them, each with those sockets only
     */
    static List<ProcessStats> on(List<ProcessStats> processes, Set<String> names) {
        if (names.isEmpty()) {
            return processes;
        }
        List<ProcessStats> out = new ArrayList<>();
        for (ProcessStats p : processes) {
            List<SocketStats> kept = new ArrayList<>();
            TrafficSum traffic = new TrafficSum();
            int connections = 0;
            int listening = 0;
            for (SocketStats s : p.sockets()) {
                if (s.iface() == null || !names.contains(s.iface())) {
                    continue;
                }
                kept.add(s);
                traffic.add(s.traffic());
                if (s.listening()) {
                    listening++;
                } else {
                    connections++;
                }
            }
            if (!kept.isEmpty()) {
                out.add(new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(), p.startTime(), p.state(),
                        p.exitedAt(), traffic.traffic(), connections, listening,
                        p.trend(), RateHistory.EMPTY, List.copyOf(kept), p.netns(), p.container()));
            }
        }
        return out;
    }
}
