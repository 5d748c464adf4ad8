package org.sstop.macos;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;

/**
 * Sockets from {@code netstat -anvbl -p tcp} and {@code -p udp}: per-socket cumulative bytes for
 * TCP and UDP, and, where netstat prints it, the owning pid. See {@link NetstatSocketParser}.
 *
 * <p>A failed or slow run never fails the sample: the previous good socket list stands in (its
 * counters are cumulative, so the bytes show up at the next good run instead of being lost), and
 * {@link #limitations()} says what went wrong.
 */
final class NetstatSocketSource extends CommandSource implements SocketSource {

    private static final System.Logger LOG = System.getLogger(NetstatSocketSource.class.getName());

    /**
     * Flag sets from richest to plainest. {@code -v} adds the owner and the socket's generation
     * count, {@code -l} prints IPv6 addresses in full (without it netstat cuts them to 16
     * characters: the parser then refuses such hosts rather than misread them), {@code -b} adds the
     * byte counters. A netstat that rejects a flag (a usage error) is asked again with the next set;
     * the wide form is kept as long as netstat takes it.
     */
    static final List<List<String>> FLAG_SETS = List.of(
            List.of("-a", "-n", "-v", "-b", "-l"),
            List.of("-a", "-n", "-v", "-b"),
            List.of("-a", "-n", "-b", "-l"),
            List.of("-a", "-n", "-b"));

    private final String netstat;
    private int flagSet;
    private BackgroundCommand tcp;
    private BackgroundCommand udp;
    private List<SocketInfo> lastTcp = List.of();
    private List<SocketInfo> lastUdp = List.of();

    /**
     * @param netstat path of the netstat command
     * @param runner how commands run
     * @param timing timeouts
     */
    public NetstatSocketSource(String netstat, CommandRunner runner, Timing timing) {
        super("netstat", runner, timing);
        this.netstat = netstat;
        commands();
    }

    private void commands() {
        tcp = backend.command(command(netstat, FLAG_SETS.get(flagSet), "tcp"));
        udp = backend.command(command(netstat, FLAG_SETS.get(flagSet), "udp"));
    }

    private static List<String> command(String netstat, List<String> flags, String protocol) {
        List<String> c = new ArrayList<>(flags.size() + 3);
        c.add(netstat);
        c.addAll(flags);
        c.add("-p");
        c.add(protocol);
        return c;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A slow or failed run is ridden out with the previous list and a limitation; only a
     * command that fails {@value FailureStreak#LIMIT} runs in a row is thrown as permanent.
     */
    @Override
    public synchronized SocketSample sample() throws PermanentFailureException {
        List<String> now = new ArrayList<>(2);
        boolean[] failed = new boolean[1];
        lastTcp = refresh(tcp, lastTcp, now, failed);
        lastUdp = refresh(udp, lastUdp, now, failed);
        problems = List.copyOf(now);
        if (failed[0]) {
            streak.failure(String.join("; ", now));
        } else {
            streak.success();
        }
        List<SocketInfo> all = new ArrayList<>(lastTcp.size() + lastUdp.size());
        all.addAll(lastTcp);
        all.addAll(lastUdp);
        return SocketSample.of(all);
    }

    private List<SocketInfo> refresh(BackgroundCommand cmd, List<SocketInfo> last, List<String> problemsOut, boolean[] failed) {
        BackgroundCommand.Outcome o = cmd.fetch();
        if (!o.fresh() && usageError(o.result()) && flagSet + 1 < FLAG_SETS.size()) {
            flagSet++;
            LOG.log(Level.INFO, "{0} rejected its flags; trying {1}", cmd.commandLine(), FLAG_SETS.get(flagSet));
            commands();
            problemsOut.add(cmd.commandLine() + ": flags not supported, retrying with " + String.join(" ", FLAG_SETS.get(flagSet)));
            return last;
        }
        if (!o.fresh()) {
            problemsOut.add(o.problem() + (last.isEmpty() ? "; its sockets' traffic is unattributed" : "; showing the previous socket list"));
            failed[0] |= !o.pending();
            return last;
        }
        try {
            ParseResult<SocketInfo> r = NetstatSocketParser.parse(o.result().stdout());
            skipped(cmd.commandLine(), r.badLines());
            return r.items();
        } catch (RuntimeException e) {
            problemsOut.add(unreadable(cmd.commandLine(), e)); // the previous list stands in
            failed[0] = true;
            return last;
        }
    }

    /** Whether netstat refused its command line (BSD getopt prints "illegal option" and the usage, exit status 1). */
    private static boolean usageError(CommandResult r) {
        if (r == null || r.timedOut() || r.exitCode() == 0) {
            return false;
        }
        String err = r.stderr();
        return err.contains("illegal option") || err.contains("invalid option") || err.contains("usage:");
    }

    /** The flags in use now, e.g. {@code [-a, -n, -v, -b, -l]}. */
    synchronized List<String> flags() {
        return FLAG_SETS.get(flagSet);
    }
}
