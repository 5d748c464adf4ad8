package org.sstop.tui.kill;

/**
 * Whether sstop may signal a process, asked of the kernel itself with {@code kill(pid, 0)}
 * (no signal is sent): it knows the user ids, {@code CAP_KILL} and every other rule, where a
 * comparison of user ids would guess. Stateless.
 */
@FunctionalInterface
public interface Permission {

    /** What {@code kill(pid, 0)} said. */
    enum Answer {
        /** A signal would be delivered. */
        ALLOWED,
        /** The process exists, but this user may not signal it ({@code EPERM}). */
        NOT_PERMITTED,
        /** No such process ({@code ESRCH}). */
        NO_PROCESS,
        /** The question could not be asked (no C library): the signal is tried as before. */
        UNKNOWN
    }

    /**
     * Asks whether a signal to {@code pid} would be delivered.
     *
     * @param pid a process id above 0
     * @return the answer
     */
    Answer check(int pid);

    /** The kernel's answer, through the C library's {@code kill}. */
    static Permission system() {
        return KillProbe::check;
    }
}
