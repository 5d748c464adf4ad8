package org.sstop.tui.kill;

/** The signals the kill dialog offers, in its order. */
public enum Sig {
    /** Polite termination. */
    SIGTERM(15),
    /** Forced termination. */
    SIGKILL(9),
    /** Interrupt (Ctrl+C). */
    SIGINT(2),
    /** Hang-up (often: reload configuration). */
    SIGHUP(1),
    /** Stop (pause) the process. */
    SIGSTOP(19),
    /** Continue a stopped process. */
    SIGCONT(18),
    /** User signal 1. */
    SIGUSR1(10),
    /** User signal 2. */
    SIGUSR2(12);

    private final int linuxNumber;

    Sig(int linuxNumber) {
        this.linuxNumber = linuxNumber;
    }

    /** The signal number on Linux (shown in the dialog; {@code kill} is called by name). */
    public int linuxNumber() {
        return linuxNumber;
    }

    /** The name without the SIG prefix, as {@code kill -s} takes it. */
    public String shortName() {
        return name().substring(3);
    }
}
