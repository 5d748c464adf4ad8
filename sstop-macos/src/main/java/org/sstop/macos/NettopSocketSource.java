package org.sstop.macos;

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
final class NettopSocketSource extends CommandSource implements SocketSource {

    private final BackgroundCommand nettop;
    private List<SocketInfo> last = List.of();

    /**
     * @param nettopPath path of nettop
     * @param runner how commands run
     * @param timing timeouts
     */
    public NettopSocketSource(String nettopPath, CommandRunner runner, Timing timing) {
        super("nettop", runner, timing);
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
            skipped("nettop", r.badLines());
            last = r.sockets();
            problems = List.of();
            streak.success();
        } catch (RuntimeException e) {
            problems = List.of(unreadable("nettop", e));
            streak.failure(problems.get(0));
        }
        return SocketSample.of(last);
    }
}
