package org.sstop.linux.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One {@code struct bpf_insn}: opcode, destination and source registers, signed 16-bit offset,
 * signed 32-bit immediate. The opcode constants are those of {@code include/uapi/linux/bpf.h} and
 * {@code bpf_common.h}. Immutable.
 *
 * @param code the opcode: class | size or operation | mode or source
 * @param dst destination register, 0 to 10
 * @param src source register, 0 to 10 (or a pseudo source such as {@link #PSEUDO_MAP_FD})
 * @param off the signed offset (memory access, jump distance)
 * @param imm the signed immediate
 */
record Insn(int code, int dst, int src, int off, int imm) {

    // classes
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int JMP32 = 0x06;
    static final int ALU64 = 0x07;
    // sizes
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;
    static final int DW = 0x18;
    // modes
    static final int IMM = 0x00;
    static final int MEM = 0x60;
    static final int ATOMIC = 0xc0;
    // sources
    static final int K = 0x00;
    static final int X = 0x08;
    // ALU operations
    static final int ADD = 0x00;
    /** An atomic operation's immediate: compare r0 with memory, store src where equal; r0 gets the old value. */
    static final int CMPXCHG = 0xf1;
    static final int SUB = 0x10;
    static final int OR = 0x40;
    static final int AND = 0x50;
    static final int LSH = 0x60;
    static final int RSH = 0x70;
    static final int MOV = 0xb0;
    // jump operations
    static final int JA = 0x00;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JSET = 0x40;
    static final int JNE = 0x50;
    static final int JSGT = 0x60;
    static final int JSGE = 0x70;
    static final int CALL = 0x80;
    static final int EXIT = 0x90;
    static final int JLT = 0xa0;
    static final int JLE = 0xb0;
    static final int JSLT = 0xc0;
    static final int JSLE = 0xd0;
    /** {@code src} of a 64-bit immediate load whose immediate is a map fd. */
    static final int PSEUDO_MAP_FD = 1;
    /** {@code sizeof(struct bpf_insn)}. */
    static final int SIZE = 8;
    /** The highest register number (r10, the read-only frame pointer). */
    static final int MAX_REG = 10;

    /** Checks the fields' ranges. */
    Insn {
        if ((code & ~0xff) != 0) {
            throw new IllegalArgumentException("opcode " + code);
        }
        if (dst < 0 || dst > MAX_REG || src < 0 || src > MAX_REG) {
            throw new IllegalArgumentException("register out of range: dst " + dst + ", src " + src);
        }
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) {
            throw new IllegalArgumentException("offset out of the signed 16-bit range: " + off);
        }
    }

    /** The instruction class ({@link #LD} ... {@link #ALU64}). */
    int instructionClass() {
        return code & 0x07;
    }

    /** Writes the 8 bytes in the host's order, the order the kernel reads them in. */
    void encode(ByteBuffer out) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        out.put((byte) code);
        // struct bpf_insn { u8 dst_reg:4, src_reg:4 }: bitfields fill from the low bits on little-endian hosts
        out.put((byte) (little ? (src << 4) | dst : (dst << 4) | src));
        out.order(ByteOrder.nativeOrder()).putShort((short) off).putInt(imm);
    }
}
