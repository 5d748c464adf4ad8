package org.sstop.app.diagnose;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sstop.api.IpAddress;

/**
 * Replaces the addresses in captured text by stand-ins, consistently: within one diagnostics run
 * the same address always gets the same stand-in, whatever file and spelling it appears in
 * ({@code 10.0.0.5} in netstat, {@code 0500000A} in {@code /proc/net/tcp}), and two addresses
 * never share one, so the files still agree with each other. Stand-ins keep the family and the
 * kind: IPv4 becomes {@code 198.18.x.y} (the benchmarking block), IPv6 {@code 2001:db8::N} (the
 * documentation block), link-local IPv6 {@code fe80::N}, a MAC address {@code 02:00:00:xx:xx:xx}.
 * The wildcards ({@code 0.0.0.0}, {@code ::}) and loopback addresses ({@code 127.0.0.0/8},
 * {@code ::1}) name no host and stay, so the masked files mean what the originals meant.
 *
 * <p>Addresses are found by what they look like, parsed strictly ({@link IpAddress#parse}, no
 * resolver): a run of hex digits, colons and dots that holds an IPv6 address (possibly followed
 * by netstat's {@code .port}), or starts with a dotted-quad IPv4 address. Text that only looks
 * like an address may be replaced too: masking errs on the side of hiding. Not thread-safe; one
 * instance per run.
 */
final class AddressMasker {

    private static final Pattern PROC_HEX = Pattern.compile("(?<![0-9A-Fa-f])([0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}):([0-9A-Fa-f]{4})(?![0-9A-Fa-f])");
    private static final Pattern IF_INET6 = Pattern.compile("(?m)^([0-9a-fA-F]{32})(?= )");

    /** No address spelling is longer (an IPv6 address with an IPv4 tail and netstat's port). */
    private static final int WINDOW = 64;

    private final Map<IpAddress, IpAddress> addresses = new HashMap<>();
    private final Map<String, String> macs = new HashMap<>();
    private int nextV4;
    private int nextV6;
    private int nextLinkLocal;

    /**
     * Masks every address in free text (command output, JSON, summaries).
     *
     * @param text captured text
     * @return the text with stand-ins
     */
    String text(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            char prev = i == 0 ? ' ' : text.charAt(i - 1);
            // Where an address may start: a run's start, after a separator inside a run
            // ("from:10.0.0.1"), or digits right after a letter (lsof's "n10.0.0.5:443").
            boolean start = runChar(c) && c != '.' && (!runChar(prev) || prev == ':' || prev == '.'
                    || (c >= '0' && c <= '9' && Character.isLetter(prev)));
            int used = start ? maskAt(text, i, out) : 0;
            if (used == 0) {
                out.append(c);
                i++;
            } else {
                i += used;
            }
        }
        return out.toString();
    }

    /**
     * Masks a Linux {@code /proc/net} file: the hex addresses of the socket tables
     * ({@code 0100007F:0035}, four little-endian words for IPv6) and of {@code if_inet6}, then
     * anything else that looks like an address ({@code fib_trie}).
     */
    String procNet(String text) {
        Matcher m = PROC_HEX.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            IpAddress a = fromProcHex(m.group(1));
            m.appendReplacement(sb, a == null ? m.group() : toProcHex(mask(a), m.group(1).length()) + ":" + m.group(2));
        }
        m.appendTail(sb);
        Matcher v6 = IF_INET6.matcher(sb.toString());
        StringBuilder sb2 = new StringBuilder(sb.length());
        while (v6.find()) {
            IpAddress a = IpAddress.of(bytes(v6.group(1)));
            v6.appendReplacement(sb2, hex(mask(a).toBytes()));
        }
        v6.appendTail(sb2);
        return text(sb2.toString());
    }

    /** The stand-in of one address. */
    IpAddress mask(IpAddress a) {
        if (a.isAny() || a.isLoopback()) {
            return a;
        }
        IpAddress m = addresses.get(a);
        if (m == null) {
            m = next(a);
            if (m.equals(a)) {
                m = next(a); // an address from the stand-ins' own block is replaced too
            }
            addresses.put(a, m);
        }
        return m;
    }

    /** The next unused stand-in of the address's kind. */
    private IpAddress next(IpAddress a) {
        if (a.isV4()) {
            return IpAddress.ofV4((198 << 24) | ((18 << 16) + ++nextV4));
        }
        boolean linkLocal = (a.high() >>> 54) == (0xfe80L >>> 6);
        return linkLocal ? new IpAddress(0xfe80L << 48, ++nextLinkLocal) : new IpAddress(0x2001_0db8L << 32, ++nextV6);
    }

    private static boolean runChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    /**
     * Masks the address that starts at {@code i}, if any: appends its stand-in and returns the
     * characters it took (0 when there is none). Looks at most {@link #WINDOW} characters ahead.
     */
    private int maskAt(String text, int i, StringBuilder out) {
        int end = i;
        int colons = 0;
        while (end < text.length() && end - i < WINDOW && runChar(text.charAt(end))) {
            colons += text.charAt(end) == ':' ? 1 : 0;
            end++;
        }
        if (colons == 5 && isMac(text, i, end)) {
            String mac = text.substring(i, end);
            out.append(macs.computeIfAbsent(mac.toLowerCase(Locale.ROOT), k -> {
                int n = macs.size() + 1;
                return String.format(Locale.ROOT, "02:00:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
            }));
            return mac.length();
        }
        if (colons >= 2) {
            // The whole run, or the run without netstat's ".port" (and so on, dot by dot).
            String run = text.substring(i, end);
            for (int cut = run.length(); cut > 0; cut = run.lastIndexOf('.', cut - 1)) {
                String candidate = run.substring(0, cut);
                IpAddress a = plausibleV6(candidate) ? parse(candidate) : null;
                if (a != null) {
                    out.append(spell(candidate, a));
                    return cut;
                }
            }
        }
        int quadEnd = quadEnd(text, i, end);
        IpAddress a = quadEnd > 0 ? parse(text.substring(i, quadEnd)) : null;
        if (a == null) {
            return 0;
        }
        out.append(mask(a));
        return quadEnd - i;
    }

    /** The stand-in written the way the original was: an IPv4-mapped address keeps its dotted tail. */
    private String spell(String original, IpAddress a) {
        IpAddress m = mask(a);
        if (a.isV4() && original.indexOf(':') >= 0) {
            return (original.startsWith("::FFFF:") ? "::FFFF:" : "::ffff:") + m;
        }
        return m.toString();
    }

    /**
     * Whether the text may be an IPv6 address: two to seven colons, {@code ::} unless seven, never
     * three in a row. Most runs of hex digits and colons are not addresses (times,
     * counters), and a failed parse costs an exception: this keeps masking linear and fast.
     */
    private static boolean plausibleV6(String s) {
        int colons = 0;
        for (int i = 0; i < s.length(); i++) {
            colons += s.charAt(i) == ':' ? 1 : 0;
        }
        return colons >= 2 && colons <= 7 && (colons == 7 || s.contains("::")) && !s.contains(":::");
    }

    /** Where the dotted quad starting at {@code from} ends (an index into the text), or -1. */
    private static int quadEnd(String text, int from, int to) {
        int dots = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++dots == 4) {
                    return dots == 4 ? i : -1;
                }
                digits = 0;
            } else if (c >= '0' && c <= '9' && ++digits <= 3) {
                continue;
            } else {
                return dots == 3 && digits > 0 ? i : -1;
            }
        }
        return dots == 3 && digits > 0 ? to : -1;
    }

    /** Whether {@code text[from, to)} is a MAC address ({@code a4:83:e7:12:34:56}: six groups of 1 or 2 hex digits). */
    private static boolean isMac(String text, int from, int to) {
        int group = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                if (group == 0) {
                    return false;
                }
                group = 0;
            } else if (c == '.' || ++group > 2) {
                return false;
            }
        }
        return group > 0;
    }

    private static IpAddress parse(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code /proc/net/tcp} spelling: one (IPv4) or four 32-bit words, each in little-endian byte order. */
    private static IpAddress fromProcHex(String hex) {
        byte[] b = bytes(hex);
        for (int w = 0; w < b.length; w += 4) {
            swap(b, w, w + 3);
            swap(b, w + 1, w + 2);
        }
        return IpAddress.of(b);
    }

    private static String toProcHex(IpAddress a, int length) {
        byte[] b = length == 32 && a.isV4() ? v4MappedBytes(a) : a.toBytes(); // v4-mapped in a tcp6 table
        for (int w = 0; w < b.length; w += 4) {
            swap(b, w, w + 3);
            swap(b, w + 1, w + 2);
        }
        return hex(b).toUpperCase(Locale.ROOT);
    }

    private static byte[] v4MappedBytes(IpAddress a) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(a.toBytes(), 0, b, 12, 4);
        return b;
    }

    private static void swap(byte[] b, int i, int j) {
        byte t = b[i];
        b[i] = b[j];
        b[j] = t;
    }

    private static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
