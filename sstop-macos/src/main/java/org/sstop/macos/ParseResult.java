package org.sstop.macos;

import java.util.List;

/**
 * What a parser made of one command output.
 *
 * @param items the records it understood
 * @param badLines lines that looked like records but could not be parsed, skipped
 * @param <T> the record type
 */
record ParseResult<T>(List<T> items, int badLines) {

    /** Copies the list. */
    public ParseResult {
        items = List.copyOf(items);
    }
}
