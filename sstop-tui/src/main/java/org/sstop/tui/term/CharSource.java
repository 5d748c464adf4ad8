package org.sstop.tui.term;

import java.io.IOException;

/** Characters from the terminal with timeouts (JLine's NonBlockingReader, or a test queue). */
public interface CharSource {

    /** Returned when nothing arrived in time. */
    int TIMEOUT = -2;
    /** Returned at end of input. */
    int EOF = -1;

    /** Reads one character, waiting at most {@code timeoutMs} (0: do not wait). */
    int read(long timeoutMs) throws IOException;

    /** Looks at the next character without consuming it, waiting at most {@code timeoutMs}. */
    int peek(long timeoutMs) throws IOException;
}
