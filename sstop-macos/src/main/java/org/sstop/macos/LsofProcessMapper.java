package org.sstop.macos;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;

/**
 * Maps sockets to processes with {@code lsof}, and describes processes with {@code ps}.
 *
 * <p>macOS tools print no socket inodes, so the mapping is by tuple: {@link #owners} looks each
 * unmapped socket up by protocol and endpoints in lsof's list. lsof runs only when sockets it has
 * not been asked about appear; sockets it could not find are remembered by their owner key (the
 * source's identity of the socket, see {@link NetstatSocketParser}) and not asked about again.
 *
 * <p>Without root, lsof lists only the caller's own processes: other users' sockets stay
 * unmapped (the engine shows their traffic as unattributed), which {@link #limitations()} says.
 * The socket sources avoid this where netstat or nettop name the owner themselves.
 *
 * <p>Process details come from a {@code ps -A} table refreshed at most once a second, on the
 * backend's own thread: ppid, uid, user, start time (the identity token: seconds since the
 * epoch), executable name, and the command line.
 */
final class LsofProcessMapper implements ProcessMapper {

    private static final System.Logger LOG = System.getLogger(LsofProcessMapper.class.getName());
    private static final long TABLE_MAX_AGE_NANOS = 1_000_000_000L;
    private static final int MAX_REMEMBERED = 100_000;

    private final CommandBackend backend;
    private final BackgroundCommand lsof;
    private final BackgroundCommand psTable;
    private final BackgroundCommand psCommands;
    private final ZoneId zone;
    private final LongSupplier nanoClock;
    private final boolean root;
    private final Set<Long> notFound = new HashSet<>();
    private Map<Integer, PsParser.PsProcess> table;
    private Map<Integer, String> commands = Map.of();
    private long tableAt;
    private long badLines;
    private volatile List<String> problems = List.of();
    private volatile boolean someUnmapped;

    /**
     * @param lsofPath path of lsof
     * @param psPath path of ps
     * @param runner how commands run
     * @param timing timeouts
     * @param zone the zone ps prints start times in
     * @param nanoClock monotonic clock for the table's age
     * @param root whether this process runs as root (lsof then sees every process)
     */
    public LsofProcessMapper(String lsofPath, String psPath, CommandRunner runner, Timing timing, ZoneId zone,
            LongSupplier nanoClock, boolean root) {
        this.backend = new CommandBackend("lsof", runner, timing.timeout(), timing.waitBudget());
        this.lsof = backend.command(List.of(lsofPath, "-i", "-n", "-P", "-w", "+c", "0", "-F", "pcRuLftPnT"));
        this.psTable = backend.command(List.of(psPath, "-A", "-o", PsParser.COLUMNS));
        this.psCommands = backend.command(List.of(psPath, "-A", "-o", PsParser.COMMAND_COLUMNS));
        this.zone = zone;
        this.nanoClock = nanoClock;
        this.root = root;
    }

    /** A socket's identity as both netstat and lsof can spell it; wildcards of either family are one. */
    record Tuple(Protocol protocol, IpAddress localAddress, int localPort, IpAddress remoteAddress, int remotePort) {
        static Tuple of(Protocol p, Endpoint local, Endpoint remote) {
            return new Tuple(p, any(local.address()), local.port(), any(remote.address()), remote.port());
        }

        private static IpAddress any(IpAddress a) {
            return a.isAny() ? IpAddress.ANY_V6 : a;
        }
    }

    @Override
    public synchronized int[] owners(List<SocketInfo> unmapped) {
        int[] pids = new int[unmapped.size()];
        boolean ask = false;
        for (SocketInfo s : unmapped) {
            ask |= s.ownerKey() != 0 && !notFound.contains(s.ownerKey());
        }
        if (!ask) {
            return pids;
        }
        BackgroundCommand.Outcome o = lsof.fetch();
        if (!o.usable()) {
            problems = List.of(o.problem() + "; new sockets stay unmapped until it answers");
            return pids;
        }
        ParseResult<LsofSocket> parsed = LsofParser.parse(o.result().stdout());
        badLines += parsed.badLines();
        if (parsed.badLines() > 0) {
            LOG.log(Level.DEBUG, "lsof: skipped {0} malformed lines", parsed.badLines());
        }
        Map<Tuple, Integer> byTuple = new HashMap<>();
        for (LsofSocket ls : parsed.items()) {
            byTuple.putIfAbsent(Tuple.of(ls.protocol(), ls.local(), ls.remote()), ls.pid());
        }
        boolean missed = false;
        for (int i = 0; i < pids.length; i++) {
            SocketInfo s = unmapped.get(i);
            if (s.ownerKey() == 0 || notFound.contains(s.ownerKey())) {
                continue;
            }
            Integer pid = byTuple.get(Tuple.of(s.protocol(), s.local(), s.remote()));
            if (pid != null) {
                pids[i] = pid;
            } else {
                missed = true;
                if (notFound.size() >= MAX_REMEMBERED) {
                    notFound.clear();
                }
                notFound.add(s.ownerKey());
            }
        }
        someUnmapped = missed;
        problems = List.of();
        return pids;
    }

    @Override
    public synchronized Optional<ProcessInfo> describe(int pid) {
        Map<Integer, PsParser.PsProcess> t = table(false);
        if (t == null) {
            return Optional.empty();
        }
        PsParser.PsProcess p = t.get(pid);
        if (p == null) {
            t = table(true);
            p = t == null ? null : t.get(pid);
        }
        if (p == null) {
            return Optional.empty();
        }
        String cmdline = commands.get(pid);
        if (cmdline == null) {
            // A process newer than the command-line table: the engine describes a process once, so wait (briefly) for it.
            BackgroundCommand.Outcome c = psCommands.fetch();
            if (c.usable()) {
                commands = PsParser.parseCommands(c.result().stdout());
            }
            cmdline = commands.getOrDefault(pid, "");
        }
        return Optional.of(new ProcessInfo(p.pid(), p.ppid(), p.name(), cmdline, p.uid(), p.user(),
                p.startEpochSecond(), Instant.ofEpochSecond(p.startEpochSecond()), ""));
    }

    @Override
    public synchronized boolean isAlive(int pid, long startTime) {
        Map<Integer, PsParser.PsProcess> t = table(false);
        if (t == null) {
            return true; // unknown: never declare a process exited on missing data
        }
        PsParser.PsProcess p = t.get(pid);
        return p != null && p.startEpochSecond() == startTime;
    }

    /** The ps table, refreshed when older than a second, or after a quarter second when a pid is missing from it. */
    private Map<Integer, PsParser.PsProcess> table(boolean forceIfStale) {
        long now = nanoClock.getAsLong();
        boolean stale = table == null || now - tableAt >= TABLE_MAX_AGE_NANOS;
        if (stale || (forceIfStale && now - tableAt >= TABLE_MAX_AGE_NANOS / 4)) {
            // With a table in hand, the refresh runs in the background and is picked up at a later
            // call; only the first table is waited for (up to the wait budget).
            BackgroundCommand.Outcome o = table == null ? psTable.fetch() : psTable.fetch(Duration.ZERO);
            if (o.usable()) {
                ParseResult<PsParser.PsProcess> r = PsParser.parseProcesses(o.result().stdout(), zone);
                badLines += r.badLines();
                Map<Integer, PsParser.PsProcess> m = new HashMap<>(r.items().size() * 2);
                for (PsParser.PsProcess p : r.items()) {
                    m.put(p.pid(), p);
                }
                table = m;
                tableAt = now;
                BackgroundCommand.Outcome c = commands.isEmpty() ? psCommands.fetch() : psCommands.fetch(Duration.ZERO);
                if (c.usable()) {
                    commands = PsParser.parseCommands(c.result().stdout());
                }
            } else if (stale && o.result() != null) {
                problems = List.of(o.problem() + "; process details may be missing or old");
            }
        }
        return table;
    }

    /** Malformed lines skipped since the mapper was opened. */
    public synchronized long badLines() {
        return badLines;
    }

    @Override
    public List<String> limitations() {
        List<String> l = new ArrayList<>(problems);
        if (!root && someUnmapped) {
            l.add("not root: lsof sees only your own processes' sockets; other users' traffic is unattributed (run with sudo)");
        }
        return l;
    }

    @Override
    public void close() {
        backend.close();
    }
}
