package org.sstop.tui.kill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Sends signals, refusing pid 0 (and below), init (pid 1), sstop's own pid, a process this user
 * may not signal (asked of the kernel before sending), and a pid whose start time no longer
 * matches the process that was shown (the pid was reused). Immutable.
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
    private final Permission permission;

    /**
     * @param selfPid sstop's own pid
     * @param startTimes current start times
     * @param sender delivers the signal
     * @param verifiable whether start times can be compared on this platform (false: only
     *     existence is checked)
     */
    public Killer(long selfPid, StartTimes startTimes, Sender sender, boolean verifiable) {
        this(selfPid, startTimes, sender, verifiable, pid -> Permission.Answer.UNKNOWN);
    }

    /**
     * @param selfPid sstop's own pid
     * @param startTimes current start times
     * @param sender delivers the signal
     * @param verifiable whether start times can be compared on this platform (false: only
     *     existence is checked)
     * @param permission whether this user may signal a process, asked before sending
     */
    public Killer(long selfPid, StartTimes startTimes, Sender sender, boolean verifiable, Permission permission) {
        this.selfPid = selfPid;
        this.startTimes = startTimes;
        this.sender = sender;
        this.verifiable = verifiable;
        this.permission = permission;
    }

    /**
     * The system's: start times from {@code /proc} on Linux, from the process table on macOS
     * (the seconds since the epoch that the macOS backend's token holds too; elsewhere only
     * existence is checked), the kernel asked for permission, {@code kill -s NAME pid} to send.
     */
    public static Killer system() {
        boolean linux = Files.isReadable(Path.of("/proc/self/stat"));
        boolean mac = System.getProperty("os.name", "").startsWith("Mac");
        StartTimes times = linux ? StartTimes.proc() : mac ? StartTimes.epochSeconds()
                : pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> OptionalLong.of(0)).orElse(OptionalLong.empty());
        return new Killer(ProcessHandle.current().pid(), times, Killer::killCommand, linux || mac, Permission.system());
    }

    /**
     * Why {@code pid} must not be signalled, asked before the dialog offers any signal: init,
     * sstop itself, or a process this user may not signal.
     *
     * @param pid the process
     * @param name its sanitized name
     * @param user its (sanitized) user name, empty if unknown
     * @return the refusal for the user, or null when a signal may be tried
     */
    public String refusal(int pid, String name, String user) {
        if (pid <= 0) {
            return "Refused: pid " + pid + " is not a single process";
        }
        if (pid == 1) {
            return "Refused: pid 1 is init; signalling it can bring the system down";
        }
        if (pid == selfPid) {
            return "Refused: that is sstop itself";
        }
        return switch (permission.check(pid)) {
            case NOT_PERMITTED -> "Refused: you may not signal " + name + " (pid " + pid + ")"
                    + (user.isEmpty() ? "" : ", a process of " + user) + "; only its user or root may";
            case NO_PROCESS -> name + " (pid " + pid + ") no longer exists";
            case ALLOWED, UNKNOWN -> null;
        };
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
        String refusal = refusal(pid, name, "");
        if (refusal != null) {
            return new Result(false, refusal);
        }
        OptionalLong now = startTimes.of(pid);
        if (now.isEmpty()) {
            return new Result(false, who + " no longer exists");
        }
        if (verifiable && now.getAsLong() == StartTimes.UNKNOWN) {
            return new Result(false, "Refused: cannot tell whether pid " + pid + " is still " + name);
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
