package org.sstop.tui.text;

/**
 * Makes untrusted text safe to show on a terminal: the app's name for {@link org.sstop.core.Sanitizer},
 * which does the work (the library's exporters sanitize the same way).
 */
public final class Sanitizer {

    /** Longest text kept; the rest is cut and marked with an ellipsis. */
    public static final int MAX_LENGTH = org.sstop.core.Sanitizer.MAX_LENGTH;

    private Sanitizer() {
    }

    /**
     * Sanitizes text for display.
     *
     * @param text untrusted text, may be null
     * @return printable text ("" for null)
     * @see org.sstop.core.Sanitizer#clean(String)
     */
    public static String clean(String text) {
        return org.sstop.core.Sanitizer.clean(text);
    }

    /**
     * Whether a character may act on a terminal.
     *
     * @param c a UTF-16 char (or any code point; none above U+FFFF is unsafe)
     * @return whether it must not reach a terminal raw
     * @see org.sstop.core.Sanitizer#isUnsafe(int)
     */
    public static boolean isUnsafe(int c) {
        return org.sstop.core.Sanitizer.isUnsafe(c);
    }
}
