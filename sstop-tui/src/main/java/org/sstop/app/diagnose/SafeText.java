package org.sstop.app.diagnose;

import org.sstop.tui.text.Sanitizer;

/**
 * Makes captured text safe to write into a diagnostics file that people will {@code cat} on a
 * terminal: every character that could act on a terminal ({@link Sanitizer#isUnsafe}: C0 and C1
 * controls, DEL, bidi controls, line separators) is written as an escape, except newline and tab,
 * which are the files' structure. {@code \xHH} for characters up to U+00FF (as lsof writes
 * them), {@code \\uXXXX} above. Stateless.
 */
final class SafeText {

    private SafeText() {
    }

    /**
     * The text with every unsafe character but newline and tab escaped.
     *
     * @param text captured text
     * @return text without raw control characters
     */
    static String of(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c != '\n' && c != '\t' && Sanitizer.isUnsafe(c);
            if (unsafe && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!unsafe) {
                sb.append(c);
            } else if (c <= 0xff) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
