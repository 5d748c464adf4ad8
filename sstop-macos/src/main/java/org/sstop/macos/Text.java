package org.sstop.macos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Untrusted text from the tools: lsof's escapes decoded, then bounded and stripped of control characters. */
final class Text {

    /** Longest name or command line kept. */
    static final int MAX = 4096;

    private Text() {
    }

    /**
     * Decodes lsof's field escapes ({@code \xHH} for a byte, {@code \n \r \t \b \f}), reads the
     * bytes as UTF-8 (a name in another script arrives as escaped UTF-8 bytes), and makes the
     * result safe to keep: bounded, control characters replaced by {@code ?}.
     */
    static String lsofDecode(String s) {
        if (s.indexOf('\\') < 0) {
            return clean(s);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        int i = 0;
        int n = s.length();
        while (i < n && b.size() < MAX * 4) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = s.charAt(i + 1);
                if (d == 'x' && hex(s, i + 2) >= 0) {
                    b.write(hex(s, i + 2));
                    i += 4;
                    continue;
                }
                int esc = switch (d) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case '\\' -> '\\';
                    default -> -1;
                };
                if (esc >= 0) {
                    b.write(esc);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            if (Character.isHighSurrogate(c) && i + 1 < n) {
                bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            }
            b.write(bytes, 0, bytes.length);
            i++;
        }
        return clean(b.toString(StandardCharsets.UTF_8));
    }

    /** Two hex digits at {@code i} as a byte value, or -1. */
    private static int hex(String s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        int h = Character.digit(s.charAt(i), 16);
        int l = Character.digit(s.charAt(i + 1), 16);
        return h < 0 || l < 0 ? -1 : (h << 4) | l;
    }

    /** Bounds the text and replaces control characters (C0, DEL, C1) by {@code ?}. */
    static String clean(String s) {
        String t = s.length() > MAX ? s.substring(0, MAX) : s;
        StringBuilder sb = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                if (sb == null) {
                    sb = new StringBuilder(t);
                }
                sb.setCharAt(i, '?');
            }
        }
        return sb == null ? t : sb.toString();
    }
}
