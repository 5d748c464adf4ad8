package org.sstop.core;

/**
 * Makes untrusted text (process names, command lines, host and interface names) safe to show on
 * a terminal: control characters, C1 controls and bidirectional overrides become visible escapes
 * ({@code \e}, {@code \a}, {@code \x9b}, {@code \u202e}), so no byte of them can act on the
 * terminal. Sanitized text contains no character below U+0020, no DEL, no C1 control and no bidi
 * control. Snapshots carry such text from other processes: an embedder that shows it on a
 * terminal sanitizes it first (the {@code sstop} app does, with this class).
 */
public final class Sanitizer {

    /** Longest text kept; the rest is cut and marked with an ellipsis. */
    public static final int MAX_LENGTH = 4096;

    private Sanitizer() {
    }

    /**
     * Sanitizes text for display.
     *
     * @param text untrusted text, may be null
     * @return printable text ("" for null)
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        if (isClean(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length() + 16, MAX_LENGTH + 8));
        for (int i = 0; i < text.length() && sb.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else if (isUnsafe(c)) {
                escape(c, sb);
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_LENGTH) {
            sb.setLength(MAX_LENGTH);
            sb.append('…');
        }
        return sb.toString();
    }

    private static boolean isClean(String text) {
        if (text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a character may act on a terminal: C0 controls, DEL, C1 controls, bidi
     * embeddings/overrides/isolates/marks and line/paragraph separators. {@link #clean} escapes
     * these visibly; the app's JSON output writes them as {@code \\uXXXX} escapes.
     *
     * @param c a UTF-16 char (or any code point; none above U+FFFF is unsafe)
     * @return whether it must not reach a terminal raw
     */
    public static boolean isUnsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
    }

    private static void escape(char c, StringBuilder sb) {
        switch (c) {
            case 0x1b -> sb.append("\\e");
            case 0x07 -> sb.append("\\a");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c <= 0xff) {
                    sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                } else {
                    sb.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
                }
            }
        }
    }
}
