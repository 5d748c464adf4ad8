package org.sstop.app.record;

/** A recording that cannot be replayed at all; the message says why, for the user. */
public final class RecordingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean newerSchema;

    RecordingException(String message, boolean newerSchema) {
        super(message);
        this.newerSchema = newerSchema;
    }

    /** Whether it was written in a schema this version does not read (a usage error: exit status 2). */
    public boolean newerSchema() {
        return newerSchema;
    }
}
