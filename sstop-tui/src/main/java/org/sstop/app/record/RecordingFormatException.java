package org.sstop.app.record;

/** A recorded line that is not a readable {@code sstop/1} sample; the message says what is wrong with it. */
final class RecordingFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RecordingFormatException(String message) {
        super(message);
    }
}
