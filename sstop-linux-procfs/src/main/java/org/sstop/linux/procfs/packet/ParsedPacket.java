package org.sstop.linux.procfs.packet;

/**
 * The fields {@link FrameParser} extracts from one frame: a mutable scratch object reused for every
 * packet, so that parsing allocates nothing. Addresses are held as in {@link org.sstop.api.IpAddress}.
 */
public final class ParsedPacket {
    /** IP protocol number: 6 (TCP) or 17 (UDP) when parsed. */
    public int protocol;
    /** Source address, first 64 bits. */
    public long srcHigh;
    /** Source address, last 64 bits. */
    public long srcLow;
    /** Destination address, first 64 bits. */
    public long dstHigh;
    /** Destination address, last 64 bits. */
    public long dstLow;
    /** Source port (valid for {@link FrameParser#TRANSPORT}). */
    public int srcPort;
    /** Destination port (valid for {@link FrameParser#TRANSPORT}). */
    public int dstPort;
    /** Transport payload bytes carried by this packet. */
    public long payload;
    /** Whether {@link #tcpSeq} and {@link #tcpSyn} are valid (a TCP header was parsed). */
    public boolean hasTcpSeq;
    /** The TCP sequence number. */
    public int tcpSeq;
    /** Whether the TCP SYN flag is set (the sequence space starts here). */
    public boolean tcpSyn;
}
