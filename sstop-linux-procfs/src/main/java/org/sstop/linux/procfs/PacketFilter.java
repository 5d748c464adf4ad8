package org.sstop.linux.procfs;

import com.sun.jna.Memory;

/**
 * The classic BPF programs the packet ring runs in the kernel: a socket filter that keeps the
 * first {@link PacketRing#SNAPLEN} bytes of every frame (or only of UDP frames, and drops the
 * rest before they take room in the ring), and the constant programs that steer a fanout group
 * to one of its members.
 */
final class PacketFilter {

    private static final int LD_W_ABS = 0x20;
    private static final int LD_B_ABS = 0x30;
    private static final int JEQ_K = 0x15;
    private static final int RET_K = 0x06;
    /** {@code SKF_AD_OFF + SKF_AD_PROTOCOL}: loads {@code ntohs(skb->protocol)}. */
    private static final int AD_PROTOCOL = 0xfffff000;
    /** {@code SKF_NET_OFF}: loads relative to the network header, whatever the link header. */
    private static final int NET_OFF = 0xfff00000;
    private static final int IPPROTO_UDP = 17;

    /** Drops every frame: for a ring that must not see traffic before it joins a fanout group. */
    static final PacketFilter NONE = new PacketFilter(new int[][] {{RET_K, 0, 0, 0}});

    /** Keeps every frame. */
    static final PacketFilter ALL = new PacketFilter(new int[][] {{RET_K, 0, 0, PacketRing.SNAPLEN}});

    /**
     * Keeps UDP over IPv4 and IPv6 and what the kernel cannot tell from UDP without parsing
     * further (IPv6 extension headers, in-line VLAN tags): the frame parser decides those; drops
     * the rest (TCP, ICMP, ARP...).
     */
    static final PacketFilter UDP = new PacketFilter(new int[][] {
        {LD_W_ABS, 0, 0, AD_PROTOCOL},
        {JEQ_K, 5, 0, 0x0800}, // IPv4: to 7
        {JEQ_K, 6, 0, 0x86DD}, // IPv6: to 9
        {JEQ_K, 13, 0, 0x8100}, // VLAN tags: keep
        {JEQ_K, 12, 0, 0x88A8},
        {JEQ_K, 11, 0, 0x9100},
        {RET_K, 0, 0, 0},
        {LD_B_ABS, 0, 0, NET_OFF + 9}, // 7: IPv4 protocol
        {JEQ_K, 8, 7, IPPROTO_UDP},
        {LD_B_ABS, 0, 0, NET_OFF + 6}, // 9: IPv6 next header
        {JEQ_K, 6, 0, IPPROTO_UDP},
        {JEQ_K, 5, 0, 0}, // hop-by-hop options
        {JEQ_K, 4, 0, 43}, // routing
        {JEQ_K, 3, 0, 44}, // fragment
        {JEQ_K, 2, 0, 51}, // authentication header
        {JEQ_K, 1, 0, 60}, // destination options
        {RET_K, 0, 0, 0}, // 16: drop
        {RET_K, 0, 0, PacketRing.SNAPLEN}, // 17: keep
    });

    private final int[][] instructions;

    private PacketFilter(int[][] instructions) {
        this.instructions = instructions;
    }

    /** A fanout group program that sends every packet to member {@code index}. */
    static PacketFilter fanoutTo(int index) {
        return new PacketFilter(new int[][] {{RET_K, 0, 0, index}});
    }

    /**
     * Writes the program as a {@code struct sock_fprog} followed by its {@code struct sock_filter}
     * array, in one allocation, for {@code SO_ATTACH_FILTER} and {@code PACKET_FANOUT_DATA}.
     *
     * @return the memory; its first 16 bytes are the {@code sock_fprog}
     */
    Memory toNative() {
        Memory m = new Memory(16 + 8L * instructions.length);
        m.clear();
        m.setShort(0, (short) instructions.length);
        m.setPointer(8, m.share(16));
        for (int i = 0; i < instructions.length; i++) {
            int[] insn = instructions[i];
            long at = 16 + 8L * i;
            m.setShort(at, (short) insn[0]);
            m.setByte(at + 2, (byte) insn[1]);
            m.setByte(at + 3, (byte) insn[2]);
            m.setInt(at + 4, insn[3]);
        }
        return m;
    }
}
