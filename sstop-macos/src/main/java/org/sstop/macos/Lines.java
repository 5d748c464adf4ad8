package org.sstop.macos;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a command's output, one at a time: a parser holds one line, never an array of all
 * of them (16 MiB of two-byte lines split at once is eight million strings). A line longer than
 * {@link #MAX_LINE} characters is not cut out of the text at all: it is handed on as the empty
 * string, which every parser skips, and counted in {@link #overlong()} so the parser can count it
 * as a bad line. A line ends at {@code \n}; a {@code \r} before it is kept (the parsers strip or
 * reject it). Single use; not thread-safe.
 */
final class Lines implements Iterable<String> {

    /** No line of the tools is near this long (a command line is cut at {@link Text#MAX}). */
    static final int MAX_LINE = 64 << 10;

    private final CharSequence text;
    private final int maxLine;
    private int overlong;

    private Lines(CharSequence text, int maxLine) {
        this.text = text;
        this.maxLine = maxLine;
    }

    /** The lines of {@code text}, at most {@link #MAX_LINE} characters each. */
    static Lines of(CharSequence text) {
        return new Lines(text, MAX_LINE);
    }

    /** For tests: a smaller line limit. */
    static Lines of(CharSequence text, int maxLine) {
        return new Lines(text, maxLine);
    }

    /** Lines that were too long and were handed on as empty. */
    int overlong() {
        return overlong;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int at;

            @Override
            public boolean hasNext() {
                return at < text.length();
            }

            @Override
            public String next() {
                int n = text.length();
                if (at >= n) {
                    throw new NoSuchElementException();
                }
                int end = at;
                while (end < n && text.charAt(end) != '\n') {
                    end++;
                }
                String line;
                if (end - at > maxLine) {
                    overlong++;
                    line = "";
                } else {
                    line = text.subSequence(at, end).toString();
                }
                at = end + 1;
                return line;
            }
        };
    }
}
