package org.sstop.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sstop.api.Availability;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;

/**
 * One dump of every available socket source, summarized: how many sockets of each protocol,
 * family and state it listed, how many had byte counters, an owner key, a pid, a namespace; and
 * what it said limits it. On Linux this is the sock_diag dump of {@code linux-netlink} (and the
 * {@code /proc/net} reading of {@code linux-procfs}) as the engine receives it; on macOS the
 * parsed {@code nettop} and {@code netstat} lists. No address is written. Stateless.
 */
final class SocketSummary {

    private SocketSummary() {
    }

    /**
     * Opens each socket source the class loader finds, takes one sample, and describes it.
     *
     * @param loader where the providers are
     * @return one summary per provider, by name (the text of an unavailable one says why)
     */
    static Map<String, String> all(ClassLoader loader) {
        Map<String, String> out = new TreeMap<>();
        for (SocketSourceProvider p : ServiceLoader.load(SocketSourceProvider.class, loader)) {
            out.put(p.name(), one(p));
        }
        return out;
    }

    private static String one(SocketSourceProvider p) {
        StringBuilder sb = new StringBuilder();
        sb.append("provider\t").append(p.name()).append("\npriority\t").append(p.priority()).append('\n');
        Availability a = p.availability();
        if (!a.available()) {
            return sb.append("available\tno: ").append(a.reason()).append('\n').toString();
        }
        sb.append("available\tyes").append(a.reason() == null || a.reason().isEmpty() ? "" : ": " + a.reason()).append('\n');
        long started = System.nanoTime();
        try (SocketSource source = p.open()) {
            SocketSample s = source.sample();
            sb.append("sample_ms\t").append((System.nanoTime() - started) / 1_000_000).append('\n');
            describe("live", s.sockets(), sb);
            describe("closed", s.closed(), sb);
            sb.append("closed_events_lost\t").append(s.closedEventsLost()).append('\n');
            for (String l : source.limitations()) {
                sb.append("limitation\t").append(l).append('\n');
            }
        } catch (Exception | LinkageError e) {
            sb.append("error\t").append(e).append('\n');
        }
        return sb.toString();
    }

    private static void describe(String what, List<SocketInfo> sockets, StringBuilder sb) {
        Map<String, Integer> kinds = new TreeMap<>();
        int counters = 0;
        int keys = 0;
        int pids = 0;
        int cookies = 0;
        TreeSet<Long> namespaces = new TreeSet<>();
        for (SocketInfo s : sockets) {
            String family = s.local().address().isV4() ? "ipv4" : "ipv6";
            kinds.merge(s.protocol().name().toLowerCase(java.util.Locale.ROOT) + " " + family + " "
                    + s.state().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            counters += s.bytesSent() != SocketInfo.UNKNOWN && s.bytesReceived() != SocketInfo.UNKNOWN ? 1 : 0;
            keys += s.ownerKey() != 0 ? 1 : 0;
            pids += s.pid() > 0 ? 1 : 0;
            cookies += s.cookie() != 0 ? 1 : 0;
            namespaces.add(s.netns());
        }
        sb.append(what).append("_sockets\t").append(sockets.size()).append('\n');
        for (Map.Entry<String, Integer> e : kinds.entrySet()) {
            sb.append(what).append('\t').append(e.getKey()).append('\t').append(e.getValue()).append('\n');
        }
        sb.append(what).append("_with_counters\t").append(counters).append('\n');
        sb.append(what).append("_with_owner_key\t").append(keys).append('\n');
        sb.append(what).append("_with_pid\t").append(pids).append('\n');
        sb.append(what).append("_with_cookie\t").append(cookies).append('\n');
        List<String> ns = new ArrayList<>();
        namespaces.forEach(n -> ns.add(n == 0 ? "own" : Long.toString(n)));
        sb.append(what).append("_namespaces\t").append(String.join(",", ns)).append('\n');
    }
}
