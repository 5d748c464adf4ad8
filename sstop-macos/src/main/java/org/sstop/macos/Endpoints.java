package org.sstop.macos;

import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;

/**
 * Parses the endpoint spellings of the macOS tools. Every method returns null for text that is
 * not a numeric endpoint, so the caller can skip and count the line.
 *
 * <p>Link-local IPv6 addresses are normalized: the kernel keeps the scope (interface index) in
 * bytes 2-3 of the address (the KAME convention); netstat clears it and prints {@code %zone},
 * other tools may print it embedded ({@code fe80:4::1}). Clearing it everywhere makes the same
 * socket compare equal whichever tool described it.
 */
final class Endpoints {

    private static final int MAX_HOST = 64;

    private Endpoints() {
    }

    /**
     * A netstat endpoint: {@code host.port} with the port after the last dot ({@code 10.0.0.1.443},
     * {@code ::1.631}, {@code fe80::1%lo0.8021}), {@code *.port}, {@code *.*}.
     *
     * @param text the field
     * @param v6 whether the socket is IPv6 (picks the wildcard address for {@code *})
     */
    static Endpoint netstat(String text, boolean v6) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            return null;
        }
        return endpoint(text.substring(0, dot), text.substring(dot + 1), v6);
    }

    /**
     * An lsof endpoint: {@code a.b.c.d:port}, {@code [v6]:port}, {@code *:port}, {@code *:*}.
     *
     * @param text the endpoint
     * @param v6 whether lsof said IPv6 (picks the wildcard address for {@code *})
     */
    static Endpoint lsof(String text, boolean v6) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return null;
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            return null; // an unbracketed IPv6 address is ambiguous
        }
        return endpoint(host, text.substring(colon + 1), v6);
    }

    /**
     * A nettop endpoint: IPv4 as {@code a.b.c.d:port} and {@code *:*}, IPv6 as {@code v6.port}
     * and {@code *.*}.
     */
    static Endpoint nettop(String text, boolean v6) {
        return v6 ? netstat(text, true) : lsof(text, false);
    }

    private static Endpoint endpoint(String host, String portText, boolean v6) {
        int port;
        if (portText.equals("*")) {
            port = 0;
        } else {
            port = parsePort(portText);
            if (port < 0) {
                return null;
            }
        }
        IpAddress address = address(host, v6);
        return address == null ? null : new Endpoint(address, port);
    }

    /** A numeric address or {@code *}; null when it is anything else (a name, {@code ?}, garbage). */
    static IpAddress address(String host, boolean v6) {
        if (host.equals("*")) {
            return v6 ? IpAddress.ANY_V6 : IpAddress.ANY_V4;
        }
        if (host.isEmpty() || host.length() > MAX_HOST || !numericLiteral(host)) {
            return null;
        }
        try {
            return normalize(IpAddress.parse(host));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Clears the KAME embedded scope of link-local unicast and multicast addresses. */
    static IpAddress normalize(IpAddress a) {
        long high = a.high();
        int first16 = (int) (high >>> 48) & 0xffff;
        boolean linkLocal = (first16 & 0xffc0) == 0xfe80;
        boolean mcastLinkOrNode = (first16 & 0xff00) == 0xff00 && ((first16 & 0x0f) == 1 || (first16 & 0x0f) == 2);
        if ((linkLocal || mcastLinkOrNode) && (high & 0x0000_ffff_0000_0000L) != 0) {
            return new IpAddress(high & ~0x0000_ffff_0000_0000L, a.low());
        }
        return a;
    }

    /** Digits, hex digits, dots, colons and a %zone only: never hand a host name to a resolver. */
    private static boolean numericLiteral(String s) {
        int zone = s.indexOf('%');
        int end = zone >= 0 ? zone : s.length();
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A port number 0-65535, or -1. */
    static int parsePort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 0xffff ? v : -1;
    }

    /** A non-negative decimal number (up to 18 digits), or -1. */
    static long parseCount(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
