package org.sstop.tui.kill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Sends signals, refusing pid 0 (and below), sstop's own pid, and a pid whose start time no
 * longer matches the process that was shown (the pid was reused).
 */
public final class Killer {

    /** Delivers a signal; returns the exit status of the attempt (0: sent). */
    @FunctionalInterface
    public interface Sender {
        /**
         * @param pid target
         * @param sig signal
         * @return 0 when sent, else an error status
         */
        int send(int pid, Sig sig) throws IOException, InterruptedException;
    }

    /**
     * The outcome.
     *
     * @param ok whether the signal was sent
     * @param message for the user
     */
    public record Result(boolean ok, String message) {
    }

    private final long selfPid;
    private final StartTimes startTimes;
    private final Sender sender;
    private final boolean verifiable;

    /**
     * @param selfPid sstop's own pid
     * @param startTimes current start times
     * @param sender delivers the signal
     * @param verifiable whether start times can be compared on this platform (false: only
     *     existence is checked)
     */
    public Killer(long selfPid, StartTimes startTimes, Sender sender, boolean verifiable) {
        this.selfPid = selfPid;
        this.startTimes = startTimes;
        this.sender = sender;
        this.verifiable = verifiable;
    }

    /** The system's: {@code /proc} start times on Linux, {@code kill -s NAME pid} to send. */
    public static Killer system() {
        boolean linux = Files.isReadable(Path.of("/proc/self/stat"));
        StartTimes times = linux ? StartTimes.proc()
                : pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> OptionalLong.of(0)).orElse(OptionalLong.empty());
        return new Killer(ProcessHandle.current().pid(), times, Killer::killCommand, linux);
    }

    private static int killCommand(int pid, Sig sig) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-s", sig.shortName(), Integer.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /**
     * Sends {@code sig} to {@code pid} if it is still the process with {@code expectedStart}.
     *
     * @param name the process's sanitized name, for the message
     */
    public Result kill(int pid, long expectedStart, String name, Sig sig) {
        String who = name + " (pid " + pid + ")";
        if (pid <= 0) {
            return new Result(false, "Refused: pid " + pid + " is not a single process");
        }
        if (pid == selfPid) {
            return new Result(false, "Refused: that is sstop itself");
        }
        OptionalLong now = startTimes.of(pid);
        if (now.isEmpty()) {
            return new Result(false, who + " no longer exists");
        }
        if (verifiable && now.getAsLong() != expectedStart) {
            return new Result(false, "Refused: pid " + pid + " now belongs to another process");
        }
        try {
            int status = sender.send(pid, sig);
            return status == 0 ? new Result(true, sig.name() + " sent to " + who)
                    : new Result(false, "Could not send " + sig.name() + " to " + who + " (not permitted?)");
        } catch (IOException e) {
            return new Result(false, "Could not run kill: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "Interrupted");
        }
    }
}
