package org.sstop.api;

import java.util.Arrays;

/**
 * Parses numeric IP address text by hand, so that no input, however hostile, ever reaches a name
 * resolver: nothing here calls {@code InetAddress}. One pass over at most {@link #MAX_LENGTH}
 * characters, no regular expressions, no allocation but the result.
 *
 * <p>Grammar (ASCII only; no white space anywhere):
 * <ul>
 *   <li>IPv4: four decimal parts of 1 to 3 digits, each at most 255, separated by dots. No sign,
 *       no hex or octal forms, and <b>no leading zeros</b> ({@code 010} is rejected, not read as
 *       8 or 10): such text is ambiguous, {@code inet_aton} reads it as octal, glibc's
 *       {@code inet_pton} rejects it, and so does this parser.
 *   <li>IPv6 (RFC 4291 section 2.2): eight groups of 1 to 4 hex digits separated by colons,
 *       {@code ::} standing for one or more zero groups at most once, and the last 32 bits
 *       optionally written as an IPv4 address of the form above.
 *   <li>An IPv6 address may be enclosed in {@code [...]} and may carry a {@code %zone} suffix
 *       (inside the brackets when there are any) of 1 or more visible ASCII characters; the zone is
 *       dropped.
 * </ul>
 */
final class IpLiteralParser {

    /** Longer text is rejected before any work: the longest valid form with a zone is shorter. */
    static final int MAX_LENGTH = 64;
    private static final int GROUPS = 8;
    private static final int MAX_HEX_DIGITS = 4;

    private IpLiteralParser() {
    }

    /** See {@link IpAddress#parse(String)}. */
    static IpAddress parse(String literal) {
        if (literal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not an IP address: " + literal.length() + " characters, at most " + MAX_LENGTH);
        }
        int from = 0;
        int to = literal.length();
        boolean bracketed = to >= 2 && literal.charAt(0) == '[' && literal.charAt(to - 1) == ']';
        if (bracketed) {
            from++;
            to--;
        }
        int zone = literal.indexOf('%', from);
        if (zone >= 0 && zone < to) {
            checkZone(literal, zone + 1, to);
            to = zone;
        }
        if (literal.indexOf(':', from) >= 0 && literal.indexOf(':', from) < to) {
            return v6(literal, from, to);
        }
        if (bracketed || zone >= 0) {
            throw invalid(literal, "brackets and zones belong to IPv6 addresses");
        }
        return IpAddress.ofV4(v4(literal, from, to));
    }

    private static void checkZone(String s, int from, int to) {
        if (from == to) {
            throw invalid(s, "empty zone");
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~' || c == '%' || c == '[' || c == ']') {
                throw invalid(s, "bad character in zone");
            }
        }
    }

    /** A dotted-quad IPv4 address in {@code s[from, to)}, as an int in network order. */
    private static int v4(String s, int from, int to) {
        int address = 0;
        int parts = 0;
        int part = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0) {
                    throw invalid(s, "empty IPv4 part");
                }
                if (++parts > 4) {
                    throw invalid(s, "more than 4 IPv4 parts");
                }
                address = (address << 8) | part;
                part = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && part == 0) {
                    throw invalid(s, "leading zero in an IPv4 part");
                }
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) {
                    throw invalid(s, "IPv4 part over 255");
                }
            } else {
                throw invalid(s, "not a decimal digit");
            }
        }
        if (parts != 4) {
            throw invalid(s, "fewer than 4 IPv4 parts");
        }
        return address;
    }

    /** An IPv6 address in {@code s[from, to)}. */
    private static IpAddress v6(String s, int from, int to) {
        int[] groups = new int[GROUPS];
        int count = 0;
        int gap = -1; // where "::" stands: the index of the group that follows it
        int i = from;
        if (s.startsWith("::", from)) {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int value = 0;
            int digit;
            while (i < to && (digit = Character.digit(asciiOnly(s.charAt(i)), 16)) >= 0) {
                if (i - start == MAX_HEX_DIGITS) {
                    throw invalid(s, "more than 4 hex digits in a group");
                }
                value = (value << 4) | digit;
                i++;
            }
            if (i < to && s.charAt(i) == '.') { // the last 32 bits as IPv4
                if (count > GROUPS - 2) {
                    throw invalid(s, "no room for an IPv4 part");
                }
                int v4 = v4(s, start, to);
                groups[count++] = v4 >>> 16;
                groups[count++] = v4 & 0xffff;
                break;
            }
            if (i == start) {
                throw invalid(s, "empty group");
            }
            if (count == GROUPS) {
                throw invalid(s, "more than 8 groups");
            }
            groups[count++] = value;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                throw invalid(s, "not a hex digit");
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    throw invalid(s, "more than one ::");
                }
                gap = count;
                i++;
            } else if (i == to) {
                throw invalid(s, "ends in a single colon");
            }
        }
        if (gap < 0 ? count != GROUPS : count == GROUPS) {
            throw invalid(s, gap < 0 ? "fewer than 8 groups" : ":: stands for no group");
        }
        if (gap >= 0) {
            int moved = count - gap;
            System.arraycopy(groups, gap, groups, GROUPS - moved, moved);
            Arrays.fill(groups, gap, GROUPS - moved, 0);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | groups[g];
            low = (low << 16) | groups[g + 4];
        }
        return new IpAddress(high, low);
    }

    /** Keeps non-ASCII digits (Arabic-Indic, full-width...) away from {@link Character#digit}. */
    private static char asciiOnly(char c) {
        return c < 0x80 ? c : '!';
    }

    private static IllegalArgumentException invalid(String literal, String why) {
        StringBuilder shown = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            shown.append(c >= ' ' && c <= '~' ? c : '?'); // the text may be hostile: no control characters in logs
        }
        return new IllegalArgumentException("not an IP address (" + why + "): \"" + shown + "\"");
    }
}
