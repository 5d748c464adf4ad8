package org.sstop.macos;

import java.util.List;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;
import org.sstop.api.PermanentFailureException;

/**
 * Per-interface counters from {@code netstat -i -b -n} (see {@link NetstatInterfaceParser}). A
 * failed or slow run returns the previous counters (cumulative, so nothing is lost) and says so
 * in {@link #limitations()}. Interface names keep their identity across reads
 * ({@link InterfaceNames}).
 */
final class NetstatInterfaceSource extends CommandSource implements InterfaceSource {

    private final BackgroundCommand netstat;
    private final InterfaceNames names = new InterfaceNames();
    private List<InterfaceCounters> last = List.of();

    /**
     * @param netstatPath path of netstat
     * @param runner how commands run
     * @param timing timeouts
     */
    public NetstatInterfaceSource(String netstatPath, CommandRunner runner, Timing timing) {
        super("netstat-i", runner, timing);
        this.netstat = backend.command(List.of(netstatPath, "-i", "-b", "-n"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only a command that fails {@value FailureStreak#LIMIT} runs in a row is thrown (as permanent).
     */
    @Override
    public synchronized List<InterfaceCounters> read() throws PermanentFailureException {
        BackgroundCommand.Outcome o = netstat.fetch();
        if (!o.fresh()) {
            problems = List.of(o.problem() + "; interface counters are from an earlier read");
            if (!o.pending()) {
                streak.failure(o.problem());
            }
            return last;
        }
        try {
            ParseResult<InterfaceCounters> r = NetstatInterfaceParser.parse(o.result().stdout(), names);
            skipped("netstat -ibn", r.badLines());
            last = r.items();
            problems = List.of();
            streak.success();
        } catch (RuntimeException e) {
            problems = List.of(unreadable("netstat -ibn", e));
        }
        return last;
    }
}
