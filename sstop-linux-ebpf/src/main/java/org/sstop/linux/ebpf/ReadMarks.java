package org.sstop.linux.ebpf;

import static org.sstop.linux.ebpf.Assembler.R0;
import static org.sstop.linux.ebpf.Assembler.R1;
import static org.sstop.linux.ebpf.Assembler.R10;
import static org.sstop.linux.ebpf.Assembler.R2;
import static org.sstop.linux.ebpf.Assembler.R3;
import static org.sstop.linux.ebpf.Assembler.R4;
import static org.sstop.linux.ebpf.Assembler.R5;
import static org.sstop.linux.ebpf.Assembler.R6;
import static org.sstop.linux.ebpf.Assembler.R7;
import static org.sstop.linux.ebpf.Assembler.R8;
import static org.sstop.linux.ebpf.Assembler.R9;

/**
 * TCP bytes read, counted as the advance of the socket's {@code copied_seq}: what {@code recvmsg}
 * returns, and what {@code splice(2)} and zero-copy receive move without {@code recvmsg} (where
 * {@code sock_recv_length} never fires). Each TCP socket has a mark, the {@code copied_seq} up to
 * which its reads were counted (the {@code marks} map of {@link CounterMaps}):
 * <ul>
 *   <li>{@code inet_sock_set_state}: a socket becoming ESTABLISHED gets a mark at its
 *       {@code copied_seq} (nothing read yet). A closed socket keeps its mark, since what it
 *       received may still be read; {@code tcp_destroy_sock} deletes it when the socket is freed.</li>
 *   <li>{@code tcp_rcv_space_adjust}, which every read path calls after {@code copied_seq} moved:
 *       where a task holds the socket's lock (the reader: {@code recvmsg} and {@code splice} take
 *       it; the kernel's own receive processing in softirq does not), the advance since the mark
 *       is counted for that task and the mark moves. A socket without a mark (opened before the
 *       counter, or its mark made room for others) is left to the next:</li>
 *   <li>{@code sock_recv_length} on a TCP socket counts the advance since the mark likewise
 *       (usually nothing left: the reads inside that {@code recvmsg} were counted as they
 *       happened); without a mark it counts what {@code recvmsg} returned and sets one.</li>
 * </ul>
 * The peer's FIN takes a sequence number that the read consuming it adds to {@code copied_seq}:
 * a socket that received a FIN (CLOSE_WAIT, LAST_ACK, CLOSING, CLOSE) and whose every sequence
 * number is read has consumed it, and that one is taken off once (bit 32 of the mark says it was).
 * The mark moves by compare-and-exchange, so two readers of one socket never count the same bytes.
 * A socket opened before the counter and read only with {@code splice} stays uncounted (it never
 * gets a mark). The counter's programs call this class; it only writes instructions.
 */
final class ReadMarks {

    static final int TCP_ESTABLISHED = 1;
    /** The states after the peer's FIN: CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING. */
    private static final int[] FIN_RECEIVED = {7, 8, 9, 11};
    /** Tries of the compare-and-exchange before giving up to the readers that won (who counted the bytes). */
    private static final int TRIES = 3;

    private ReadMarks() {
    }

    /**
     * Writes: {@code r7 = copied_seq(r6) - mark}, moving the mark, or jumps to {@code out} when
     * there is nothing to count. Expects r6 = a TCP socket (a BTF pointer) and, where
     * {@code firstSightCountsR7}, r7 = what {@code recvmsg} returned: kept, and the mark set, when
     * the socket has none. Uses r0 to r5, r8, r9 and the two 8-byte stack slots.
     */
    static void count(Assembler a, KernelLayout k, BpfMap marks, int keySlot, int valueSlot, Assembler.Label out,
            boolean firstSightCountsR7) {
        Assembler.Label firstSight = a.label("no_mark");
        Assembler.Label moved = a.label("mark_moved");
        Assembler.Label done = a.label("read_counted");
        Assembler.Label finRead = a.label("fin_read");
        Assembler.Label finKnown = a.label("fin_known");
        readU32(a, valueSlot, k.copiedSeq());
        readU32(a, keySlot, k.rcvNxt());
        // r8 = copied_seq, with bit 32 set where the FIN was read
        a.ldxDW(R8, R10, valueSlot).ldxB(R1, R6, k.state());
        for (int state : FIN_RECEIVED) {
            a.jmpImm(Insn.JEQ, R1, state, finRead);
        }
        a.ja(finKnown);
        a.bind(finRead).ldxDW(R2, R10, keySlot).jmpReg(Insn.JNE, R2, R8, finKnown)
                .mov64Imm(R2, 1).alu64Imm(Insn.LSH, R2, 32).alu64Reg(Insn.OR, R8, R2);
        a.bind(finKnown).stxDW(R10, valueSlot, R8).stxDW(R10, keySlot, R6);
        lookup(a, marks, keySlot).jmpImm(Insn.JEQ, R0, 0, firstSight);
        a.mov64Reg(R9, R0).ldxDW(R0, R9, 0);
        for (int i = 0; i < TRIES; i++) { // r0 = the mark as last seen
            Assembler.Label kept = a.label();
            a.mov64Reg(R1, R8).alu64Reg(Insn.SUB, R1, R0).mov32Reg(R1, R1)
                    .jmpImm(Insn.JEQ, R1, 0, out)
                    .jmpImm(Insn.JGT, R1, Integer.MAX_VALUE, out) // the mark is ahead: another reader counted these
                    .mov64Reg(R5, R0).alu64Imm(Insn.RSH, R5, 32) // FIN taken off before
                    .mov64Reg(R2, R8).alu64Imm(Insn.RSH, R2, 32) // FIN read now
                    .jmpReg(Insn.JLE, R2, R5, kept)
                    .add64Imm(R1, -1)
                    .bind(kept)
                    .mov64Reg(R3, R5).alu64Imm(Insn.LSH, R3, 32).alu64Reg(Insn.OR, R3, R8)
                    .mov64Reg(R2, R0)
                    .atomicCmpxchg64(R9, 0, R3)
                    .jmpReg(Insn.JEQ, R0, R2, moved);
        }
        a.ja(out);
        a.bind(firstSight);
        if (firstSightCountsR7) {
            a.ldMapFd(R1, marks.fd()).mov64Reg(R2, R10).add64Imm(R2, keySlot).mov64Reg(R3, R10).add64Imm(R3, valueSlot)
                    .mov64Imm(R4, (int) Bpf.NOEXIST).call(CounterProgram.MAP_UPDATE_ELEM).ja(done);
        } else {
            a.ja(out);
        }
        a.bind(moved).mov64Reg(R7, R1).jmpImm(Insn.JEQ, R7, 0, out).bind(done);
    }

    /**
     * The program of a point that only keeps the marks: at {@code inet_sock_set_state},
     * {@code marks[sk] = copied_seq} when a TCP socket becomes ESTABLISHED; at
     * {@code tcp_destroy_sock}, {@code delete marks[sk]}.
     */
    static Instructions program(AttachPoint point, KernelLayout k, CounterMaps maps) {
        if (!point.marksOnly()) {
            throw new IllegalArgumentException(point + " counts bytes");
        }
        int keySlot = -8;
        int valueSlot = -16;
        Assembler a = new Assembler();
        Assembler.Label out = a.label("out");
        if (point.newStateSlot() >= 0) {
            a.ldxDW(R7, R1, 8 * point.newStateSlot());
        }
        a.ldxDW(R6, R1, 8 * point.socketSlot()).jmpImm(Insn.JEQ, R6, 0, out)
                .ldx(k.protocolSize() == 1 ? Insn.B : Insn.H, R1, R6, k.protocol())
                .jmpImm(Insn.JNE, R1, CounterProgram.IPPROTO_TCP, out)
                .stxDW(R10, keySlot, R6);
        if (point == AttachPoint.DESTROY_TRACEPOINT) {
            a.ldMapFd(R1, maps.marks().fd()).mov64Reg(R2, R10).add64Imm(R2, keySlot).call(CounterProgram.MAP_DELETE_ELEM);
        } else {
            a.jmp32Imm(Insn.JNE, R7, TCP_ESTABLISHED, out);
            readU32(a, valueSlot, k.copiedSeq());
            a.ldMapFd(R1, maps.marks().fd()).mov64Reg(R2, R10).add64Imm(R2, keySlot).mov64Reg(R3, R10)
                    .add64Imm(R3, valueSlot).mov64Imm(R4, (int) Bpf.ANY).call(CounterProgram.MAP_UPDATE_ELEM);
        }
        a.bind(out).mov64Imm(R0, 0).exit();
        return a.build();
    }

    /** {@code *(u64 *)(fp + slot) = *(u32 *)(r6 + offset)}, by a probe read: the TCP fields lie beyond {@code struct sock}. */
    private static void readU32(Assembler a, int slot, int offset) {
        a.stDW(R10, slot, 0)
                .mov64Reg(R3, R6).add64Imm(R3, offset)
                .mov64Reg(R1, R10).add64Imm(R1, slot).mov64Imm(R2, 4).call(CounterProgram.PROBE_READ_KERNEL);
    }

    private static Assembler lookup(Assembler a, BpfMap map, int keySlot) {
        return a.ldMapFd(R1, map.fd()).mov64Reg(R2, R10).add64Imm(R2, keySlot).call(CounterProgram.MAP_LOOKUP_ELEM);
    }
}
