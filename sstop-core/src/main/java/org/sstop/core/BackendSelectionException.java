package org.sstop.core;

/** A forced backend is unknown or unavailable, or a required service has no available provider. */
public class BackendSelectionException extends Exception {

    /** @param message what is wrong and which providers are available instead */
    public BackendSelectionException(String message) {
        super(message);
    }
}
