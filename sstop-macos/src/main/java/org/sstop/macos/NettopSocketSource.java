package org.sstop.macos;

import java.lang.System.Logger.Level;
import java.util.List;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;

/**
 * Sockets with their owning pid and byte counters from {@code nettop -L 1 -n -x -J
 * bytes_in,bytes_out}: every process's TCP and UDP flows, no root needed. See
 * {@link NettopParser}. A failed or slow run never fails the sample: the previous list stands in
 * and {@link #limitations()} says why.
 */
final class NettopSocketSource implements SocketSource {

    private static final System.Logger LOG = System.getLogger(NettopSocketSource.class.getName());

    private final CommandBackend backend;
    private final BackgroundCommand nettop;
    private List<SocketInfo> last = List.of();
    private volatile List<String> problems = List.of();
    private final FailureStreak streak = new FailureStreak();
    private long badLines;

    /**
     * @param nettopPath path of nettop
     * @param runner how commands run
     * @param timing timeouts
     */
    public NettopSocketSource(String nettopPath, CommandRunner runner, Timing timing) {
        this.backend = new CommandBackend("nettop", runner, timing.timeout(), timing.waitBudget());
        this.nettop = backend.command(List.of(nettopPath, "-L", "1", "-n", "-x", "-J", "bytes_in,bytes_out"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A slow or failed run is ridden out with the previous list and a limitation; only a
     * command that fails {@value FailureStreak#LIMIT} runs in a row is thrown as permanent, so
     * that the engine falls back to the netstat tier.
     */
    @Override
    public synchronized SocketSample sample() throws PermanentFailureException {
        BackgroundCommand.Outcome o = nettop.fetch();
        if (!o.fresh()) {
            problems = List.of(o.problem() + (last.isEmpty() ? "; traffic is unattributed" : "; showing the previous socket list"));
            if (!o.pending()) {
                streak.failure(o.problem());
            }
            return SocketSample.of(last);
        }
        try {
            NettopParser.Result r = NettopParser.parse(o.result().stdout());
            if (r.badLines() > 0) {
                badLines += r.badLines();
                LOG.log(Level.DEBUG, "nettop: skipped {0} malformed rows", r.badLines());
            }
            last = r.sockets();
            problems = List.of();
            streak.success();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot parse nettop output", e);
            problems = List.of("nettop: unreadable output (" + e + ")");
            streak.failure(problems.get(0));
        }
        return SocketSample.of(last);
    }

    /** Malformed rows skipped since the source was opened. */
    public synchronized long badLines() {
        return badLines;
    }

    @Override
    public List<String> limitations() {
        return problems;
    }

    @Override
    public void close() {
        backend.close();
    }
}
