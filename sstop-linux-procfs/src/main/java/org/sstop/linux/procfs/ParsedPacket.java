package org.sstop.linux.procfs;

/**
 * The fields {@link FrameParser} extracts from one frame: a mutable scratch object reused for every
 * packet, so that parsing allocates nothing. Addresses are held as in {@link org.sstop.api.IpAddress}.
 */
final class ParsedPacket {
    /** IP protocol number: 6 (TCP) or 17 (UDP) when parsed. */
    int protocol;
    /** Source address, first 64 bits. */
    long srcHigh;
    /** Source address, last 64 bits. */
    long srcLow;
    /** Destination address, first 64 bits. */
    long dstHigh;
    /** Destination address, last 64 bits. */
    long dstLow;
    /** Source port (valid for {@link FrameParser#TRANSPORT}). */
    int srcPort;
    /** Destination port (valid for {@link FrameParser#TRANSPORT}). */
    int dstPort;
    /** Transport payload bytes carried by this packet. */
    long payload;
    /** Whether {@link #tcpSeq} and {@link #tcpSyn} are valid (a TCP header was parsed). */
    boolean hasTcpSeq;
    /** The TCP sequence number. */
    int tcpSeq;
    /** Whether the TCP SYN flag is set (the sequence space starts here). */
    boolean tcpSyn;
}
