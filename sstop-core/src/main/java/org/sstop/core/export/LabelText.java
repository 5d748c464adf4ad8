package org.sstop.core.export;

import org.sstop.core.Sanitizer;

/** Untrusted text (a process, user or container name) made a label or tag value for an exporter. */
public final class LabelText {

    /** Longest label value; longer text is cut and marked with an ellipsis. */
    public static final int MAX_LENGTH = 128;

    private LabelText() {
    }

    /**
     * A safe label value: no control or bidirectional character ({@link Sanitizer}), at most
     * {@value #MAX_LENGTH} characters, a surrogate pair never cut in two.
     *
     * @param text untrusted text, may be null
     * @return the value ("" for null)
     */
    public static String of(String text) {
        String clean = Sanitizer.clean(text);
        if (clean.length() <= MAX_LENGTH) {
            return clean;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--; // never cut a pair in two
        }
        return clean.substring(0, end) + '…';
    }
}
