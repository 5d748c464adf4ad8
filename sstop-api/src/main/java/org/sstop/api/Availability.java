package org.sstop.api;

import java.util.Objects;

/**
 * Whether a backend can run here, and if not, why.
 *
 * @param available whether the backend can be opened
 * @param reason why it is unavailable (wrong OS, missing kernel module, no permission...), or a
 *     short note when available; never null
 */
public record Availability(boolean available, String reason) {

    /** Requires a reason. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /** Available. */
    public static Availability yes() {
        return new Availability(true, "");
    }

    /**
     * Unavailable.
     *
     * @param reason why, in words a user can act on
     */
    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
