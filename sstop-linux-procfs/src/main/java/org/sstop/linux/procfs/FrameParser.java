package org.sstop.linux.procfs;

import java.nio.ByteBuffer;

/**
 * Parses one captured frame (link, IP and transport headers) from a big-endian {@link ByteBuffer},
 * without allocating: a pure function of the bytes (plus the fragment cache, which remembers the
 * ports of first fragments).
 *
 * <p>Every length is checked against what was captured ({@code captured}) and what was on the wire
 * ({@code wireLength}, the kernel's {@code tp_len}): a frame whose headers are cut off or
 * inconsistent is {@link #MALFORMED}, never a source of made-up ports or byte counts. The payload is
 * the transport payload: IP length minus IP and transport headers. A GSO/GRO super-packet is
 * counted at its real length: its IP length is right when set, and when it is 0 (IPv4 TSO / BIG
 * TCP, IPv6 jumbo) the wire length is used instead.
 */
final class FrameParser {

    /** TCP or UDP with ports: {@link ParsedPacket} is complete. */
    static final int TRANSPORT = 0;
    /** A later fragment whose first fragment was not seen: addresses and payload valid, no ports. */
    static final int FRAGMENT_UNMATCHED = 1;
    /** Not TCP or UDP over IP (ARP, ICMP, ESP...): not counted. */
    static final int OTHER = 2;
    /** Truncated or inconsistent headers: not counted. */
    static final int MALFORMED = 3;

    static final int TCP = 6;
    static final int UDP = 17;
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 4;
    private static final int MAX_EXTENSION_HEADERS = 8;

    private final FragmentCache fragments;

    /** @param fragments remembers the ports of first fragments */
    FrameParser(FragmentCache fragments) {
        this.fragments = fragments;
    }

    /**
     * Parses a frame that starts with an Ethernet header (Ethernet devices, and {@code lo}, whose
     * header is all zeros but for the type), with up to four in-line VLAN tags.
     *
     * @param b the buffer, big-endian, read with absolute indexes only
     * @param start index of the first byte of the frame
     * @param captured bytes captured from {@code start}
     * @param wireLength the frame's real length on the wire
     * @param out receives the fields
     * @return {@link #TRANSPORT}, {@link #FRAGMENT_UNMATCHED}, {@link #OTHER} or {@link #MALFORMED}
     */
    int parseEthernet(ByteBuffer b, int start, int captured, long wireLength, ParsedPacket out) {
        if (captured < 14 || wireLength < 14) {
            return MALFORMED;
        }
        int pos = 12;
        int type = b.getShort(start + pos) & 0xffff;
        int tags = 0;
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (++tags > MAX_VLAN_TAGS || pos + 6 + 4 > captured) {
                return tags > MAX_VLAN_TAGS ? OTHER : MALFORMED;
            }
            pos += 4;
            type = b.getShort(start + pos) & 0xffff;
        }
        int ip = pos + 2;
        return parseNetwork(b, start + ip, captured - ip, wireLength - ip, type, out);
    }

    /**
     * Parses a frame that starts at the IP header (devices without a link header: tun, ipip...).
     *
     * @param b the buffer, big-endian
     * @param start index of the IP header
     * @param captured bytes captured from {@code start}
     * @param wireLength real length from {@code start}
     * @param out receives the fields
     * @return as {@link #parseEthernet}
     */
    int parseIp(ByteBuffer b, int start, int captured, long wireLength, ParsedPacket out) {
        if (captured < 1) {
            return MALFORMED;
        }
        int version = (b.get(start) & 0xff) >>> 4;
        return parseNetwork(b, start, captured, wireLength, version == 4 ? ETH_IPV4 : version == 6 ? ETH_IPV6 : 0, out);
    }

    private int parseNetwork(ByteBuffer b, int p, int captured, long wire, int ethertype, ParsedPacket out) {
        if (ethertype == ETH_IPV4) {
            return parseIpv4(b, p, captured, wire, out);
        }
        if (ethertype == ETH_IPV6) {
            return parseIpv6(b, p, captured, wire, out);
        }
        return OTHER;
    }

    private int parseIpv4(ByteBuffer b, int p, int captured, long wire, ParsedPacket out) {
        if (captured < 20 || wire < 20) {
            return MALFORMED;
        }
        int vihl = b.get(p) & 0xff;
        int ihl = (vihl & 0x0f) * 4;
        if ((vihl >>> 4) != 4 || ihl < 20) {
            return MALFORMED;
        }
        long total = b.getShort(p + 2) & 0xffff;
        if (total == 0) {
            total = wire; // TSO / BIG TCP super-packet: the IP length field is not set
        }
        if (total < ihl || total > wire) {
            return MALFORMED;
        }
        int protocol = b.get(p + 9) & 0xff;
        if (protocol != TCP && protocol != UDP) {
            return OTHER;
        }
        out.protocol = protocol;
        out.srcHigh = 0;
        out.srcLow = LocalAddresses.v4Low(b.getInt(p + 12));
        out.dstHigh = 0;
        out.dstLow = LocalAddresses.v4Low(b.getInt(p + 16));
        int frag = b.getShort(p + 6) & 0xffff;
        int offset = frag & 0x1fff;
        boolean more = (frag & 0x2000) != 0;
        int id = b.getShort(p + 4) & 0xffff;
        long l4 = total - ihl;
        if (offset != 0) {
            // A later fragment: no transport header, all of it is payload.
            out.payload = l4;
            out.hasTcpSeq = false;
            return fragments.lookup(out, id | (protocol << 16)) ? TRANSPORT : FRAGMENT_UNMATCHED;
        }
        if (ihl > captured) {
            return MALFORMED;
        }
        int r = parseTransport(b, p + ihl, captured - ihl, l4, protocol, out);
        if (r == TRANSPORT && more) {
            fragments.put(out, id | (protocol << 16));
        }
        return r;
    }

    private int parseIpv6(ByteBuffer b, int p, int captured, long wire, ParsedPacket out) {
        if (captured < 40 || wire < 40) {
            return MALFORMED;
        }
        if ((b.get(p) & 0xf0) != 0x60) {
            return MALFORMED;
        }
        long payloadLength = b.getShort(p + 4) & 0xffff;
        if (payloadLength == 0) {
            payloadLength = wire - 40; // jumbogram / BIG TCP: the length field is not set
        }
        if (payloadLength > wire - 40) {
            return MALFORMED;
        }
        int next = b.get(p + 6) & 0xff;
        out.srcHigh = b.getLong(p + 8);
        out.srcLow = b.getLong(p + 16);
        out.dstHigh = b.getLong(p + 24);
        out.dstLow = b.getLong(p + 32);
        int q = 40;
        boolean fragment = false;
        int fragOffset = 0;
        boolean more = false;
        int id = 0;
        for (int n = 0; n <= MAX_EXTENSION_HEADERS; n++) {
            if (next == TCP || next == UDP) {
                break;
            }
            if (n == MAX_EXTENSION_HEADERS) {
                return OTHER;
            }
            int len;
            switch (next) {
                case 0: // hop-by-hop options
                case 43: // routing
                case 60: // destination options
                    if (q + 2 > captured) {
                        return MALFORMED;
                    }
                    len = ((b.get(p + q + 1) & 0xff) + 1) * 8;
                    break;
                case 51: // authentication header
                    if (q + 2 > captured) {
                        return MALFORMED;
                    }
                    len = ((b.get(p + q + 1) & 0xff) + 2) * 4;
                    break;
                case 44: // fragment
                    if (q + 8 > captured) {
                        return MALFORMED;
                    }
                    int f = b.getShort(p + q + 2) & 0xffff;
                    fragment = true;
                    fragOffset = f >>> 3;
                    more = (f & 1) != 0;
                    id = b.getInt(p + q + 4);
                    len = 8;
                    break;
                default: // ESP, no next header, ICMPv6, anything else
                    return OTHER;
            }
            next = b.get(p + q) & 0xff;
            q += len;
            if (q - 40 > payloadLength) {
                return MALFORMED;
            }
            if (fragment && fragOffset != 0) {
                break; // a later fragment: what follows is payload, whatever "next" says
            }
        }
        if (next != TCP && next != UDP) {
            return OTHER;
        }
        out.protocol = next;
        long l4 = payloadLength - (q - 40);
        int key = id ^ (next << 24); // the cache key mixes the protocol in; ids are 32-bit here
        if (fragment && fragOffset != 0) {
            out.payload = l4;
            out.hasTcpSeq = false;
            return fragments.lookup(out, key) ? TRANSPORT : FRAGMENT_UNMATCHED;
        }
        int r = parseTransport(b, p + q, captured - q, l4, next, out);
        if (r == TRANSPORT && fragment && more) {
            fragments.put(out, key);
        }
        return r;
    }

    /** Ports, payload (and TCP sequence) from a TCP or UDP header; only the bytes up to TCP's flags need be captured. */
    private static int parseTransport(ByteBuffer b, int t, int captured, long l4, int protocol, ParsedPacket out) {
        out.hasTcpSeq = false;
        if (protocol == TCP) {
            if (captured < 14 || l4 < 20) {
                return MALFORMED;
            }
            int doff = ((b.get(t + 12) & 0xff) >>> 4) * 4;
            if (doff < 20 || doff > l4) {
                return MALFORMED;
            }
            out.payload = l4 - doff;
            out.tcpSeq = b.getInt(t + 4);
            out.tcpSyn = (b.get(t + 13) & 0x02) != 0;
            out.hasTcpSeq = true;
        } else {
            if (captured < 4 || l4 < 8) {
                return MALFORMED;
            }
            out.payload = l4 - 8;
        }
        out.srcPort = b.getShort(t) & 0xffff;
        out.dstPort = b.getShort(t + 2) & 0xffff;
        return TRANSPORT;
    }
}
