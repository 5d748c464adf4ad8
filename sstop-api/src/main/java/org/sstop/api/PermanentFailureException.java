package org.sstop.api;

import java.io.IOException;

/**
 * Thrown by a backend call that will not succeed again (e.g. the kernel interface went away):
 * the engine closes the backend and falls through to the next tier. Other {@link IOException}s
 * are treated as transient.
 */
public class PermanentFailureException extends IOException {

    /**
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
