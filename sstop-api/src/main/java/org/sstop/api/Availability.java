package org.sstop.api;

import java.util.Objects;

/**
 * Whether a backend can run here, and if not, why (after Netty's {@code isAvailable()} and
 * {@code unavailabilityCause()}).
 *
 * @param available whether the backend can be opened
 * @param reason why it is unavailable (wrong OS, missing kernel module, no permission...) in
 *     words a user can act on; when available, an optional note shown beside the provider (what
 *     it will not see, for instance), else empty; never null
 * @param cause the error behind an unavailability (a failed native load or system call), or
 *     null; kept so that a report or a log can show the full story
 */
public record Availability(boolean available, String reason, Throwable cause) {

    /** Requires a reason. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /** Available, nothing to note. */
    public static Availability yes() {
        return new Availability(true, "", null);
    }

    /**
     * Available, with a note for the user.
     *
     * @param note e.g. "sees only your own processes' sockets"
     * @return the availability
     */
    public static Availability yes(String note) {
        return new Availability(true, note, null);
    }

    /**
     * Unavailable.
     *
     * @param reason why, in words a user can act on
     * @return the availability
     */
    public static Availability no(String reason) {
        return new Availability(false, reason, null);
    }

    /**
     * Unavailable because of an error.
     *
     * @param reason why, in words a user can act on
     * @param cause the error behind it
     * @return the availability
     */
    public static Availability no(String reason, Throwable cause) {
        return new Availability(false, reason, cause);
    }
}
