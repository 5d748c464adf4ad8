package org.sstop.linux.ebpf;

import static org.sstop.linux.ebpf.Assembler.R0;
import static org.sstop.linux.ebpf.Assembler.R1;
import static org.sstop.linux.ebpf.Assembler.R10;
import static org.sstop.linux.ebpf.Assembler.R2;
import static org.sstop.linux.ebpf.Assembler.R3;
import static org.sstop.linux.ebpf.Assembler.R5;
import static org.sstop.linux.ebpf.Assembler.R6;
import static org.sstop.linux.ebpf.Assembler.R7;
import static org.sstop.linux.ebpf.Assembler.R8;
import static org.sstop.linux.ebpf.Assembler.R9;
import static org.sstop.linux.ebpf.CounterProgram.delete;
import static org.sstop.linux.ebpf.CounterProgram.lookup;
import static org.sstop.linux.ebpf.CounterProgram.probeRead;
import static org.sstop.linux.ebpf.CounterProgram.update;

/**
 * TCP bytes read, counted as the advance of the socket's {@code copied_seq}: what {@code recvmsg}
 * returns, and what {@code splice(2)} and zero-copy receive move without {@code recvmsg} (where
 * {@code sock_recv_length} never fires). Each TCP socket has a mark, the {@code copied_seq} up to
 * which its reads were counted (the {@code marks} map of {@link CounterMaps}):
 * <ul>
 *   <li>{@code inet_sock_set_state}: a socket becoming ESTABLISHED gets a mark at its
 *       {@code copied_seq} (nothing read yet) unless a read gave it one already (TCP Fast Open);
 *       one starting to connect loses any a freed socket at its address left. A closed socket
 *       keeps its mark, since what it received may still be read; {@code tcp_destroy_sock}
 *       deletes it when the socket is freed.</li>
 *   <li>{@code tcp_rcv_space_adjust}, which every read path calls after {@code copied_seq} moved:
 *       where a task holds the socket's lock (the reader: {@code recvmsg} and {@code splice} take
 *       it; the kernel's own receive processing in softirq does not), the advance since the mark
 *       is counted for that task and the mark moves. A socket without a mark (it found the map
 *       full) is left to the next:</li>
 *   <li>{@code sock_recv_length} on a TCP socket counts the advance since the mark likewise
 *       (usually nothing left: the reads inside that {@code recvmsg} were counted as they
 *       happened); without a mark it counts what {@code recvmsg} returned and sets one.</li>
 * </ul>
 * The peer's FIN takes a sequence number that the read consuming it adds to {@code copied_seq}:
 * a socket that received a FIN ({@code SOCK_DONE}) and whose every sequence number is read has
 * consumed it, and that one is taken off once (bit 32 of the mark says it was). Raw sockets
 * that name IPPROTO_TCP are not TCP sockets ({@code sk_type}) and never have marks. Sockets whose
 * data the kernel redirects or decodes (sockmap, kTLS, MPTCP subflows, kernel users) have no
 * use for marks: their reads are counted as {@code recvmsg} returns them, as before.
 * The mark moves by compare-and-exchange, so two readers of one socket never count the same bytes.
 * The sockets open when counting starts get their marks from an iterator over every task's
 * open files ({@code bpf_iter_task_file}, Linux 5.8+), run once after the programs are attached. The counter's
 * programs call this class; it only writes instructions.
 */
final class ReadMarks {

    static final int TCP_ESTABLISHED = 1;
    static final int TCP_SYN_SENT = 2;
    static final int TCP_SYN_RECV = 3;
    /** The states of a full socket that has connected: ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE, CLOSE_WAIT, LAST_ACK, CLOSING. */
    private static final int[] CONNECTED = {1, 4, 5, 7, 8, 9, 11};
    /** {@code 1 << SOCK_DONE} in {@code sk_flags}: set when the peer's FIN arrives (not by a reset). */
    private static final int SOCK_DONE = 1 << 1;
    private static final int SOCK_STREAM = 1;
    private static final int S_IFMT = 0xf000;
    private static final int S_IFSOCK = 0xc000;
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
        // A socket whose data the kernel redirects or decodes (sockmap, kTLS, RPC, MPTCP subflows:
        // anything in sk_user_data or an upper layer) keeps the count of what recvmsg returned.
        Assembler.Label notPlain = firstSightCountsR7 ? done : out;
        a.ldxH(R1, R6, k.type()).jmpImm(Insn.JNE, R1, SOCK_STREAM, notPlain)
                .ldxDW(R1, R6, k.userData()).jmpImm(Insn.JNE, R1, 0, notPlain);
        read(a, valueSlot, k.ulpOps(), 8);
        a.ldxDW(R1, R10, valueSlot).jmpImm(Insn.JNE, R1, 0, notPlain);
        currentMark(a, k, valueSlot, keySlot);
        a.stxDW(R10, keySlot, R6);
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
            update(a, marks, keySlot, valueSlot, Bpf.NOEXIST).ja(done);
        } else {
            a.ja(out);
        }
        a.bind(moved).mov64Reg(R7, R1).jmpImm(Insn.JEQ, R7, 0, out).bind(done);
    }

    /**
     * Writes: r8 = {@code *(u64 *)(fp + valueSlot)} = the mark of r6 as it stands: its
     * {@code copied_seq}, with bit 32 set where the FIN was read: it arrived ({@code SOCK_DONE};
     * a reset closes without it) and every sequence number up to {@code rcv_nxt}, the FIN's
     * included, is read. Uses r0 to r5 and the scratch slot.
     */
    private static void currentMark(Assembler a, KernelLayout k, int valueSlot, int scratchSlot) {
        Assembler.Label finKnown = a.label("fin_known");
        read(a, valueSlot, k.copiedSeq(), 4);
        read(a, scratchSlot, k.rcvNxt(), 4);
        a.ldxDW(R8, R10, valueSlot).ldxDW(R1, R10, scratchSlot).jmpReg(Insn.JNE, R1, R8, finKnown); // bytes left unread
        read(a, scratchSlot, k.flags(), 8);
        a.ldxDW(R1, R10, scratchSlot).alu64Imm(Insn.AND, R1, SOCK_DONE).jmpImm(Insn.JEQ, R1, 0, finKnown)
                .mov64Imm(R1, 1).alu64Imm(Insn.LSH, R1, 32).alu64Reg(Insn.OR, R8, R1);
        a.bind(finKnown).stxDW(R10, valueSlot, R8);
    }

    /**
     * The iterator program that marks the TCP sockets open when counting starts (run once, after
     * the other programs are attached), found through every task's open files, so in every
     * network namespace: for each socket file whose socket is TCP and has connected (not a
     * listener, a connecting or closed-and-waiting socket), {@code marks[sk] = its mark as it
     * stands}, where it has none yet. Their later reads, {@code splice} included, are then counted.
     * The pointers it follows are read with probe reads.
     */
    static Instructions openSocketsProgram(KernelLayout k, CounterMaps maps) {
        int keySlot = -8;
        int valueSlot = -16;
        int scratchSlot = -24;
        Assembler a = new Assembler();
        Assembler.Label out = a.label("out");
        Assembler.Label connected = a.label("connected");
        a.ldxDW(R6, R1, k.iterFile()).jmpImm(Insn.JEQ, R6, 0, out);
        readPointer(a, scratchSlot, k.fileInode(), out);
        a.mov64Reg(R7, R6).mov64Reg(R6, R1); // r7 = the file, r6 = its inode
        read(a, scratchSlot, k.inodeMode(), 2);
        a.ldxDW(R1, R10, scratchSlot).alu64Imm(Insn.AND, R1, S_IFMT).jmpImm(Insn.JNE, R1, S_IFSOCK, out)
                .mov64Reg(R6, R7);
        readPointer(a, scratchSlot, k.filePrivate(), out);
        a.mov64Reg(R6, R1);
        readPointer(a, scratchSlot, k.socketSk(), out);
        a.mov64Reg(R6, R1); // the sock
        read(a, scratchSlot, k.type(), 2);
        a.ldxDW(R1, R10, scratchSlot).jmpImm(Insn.JNE, R1, SOCK_STREAM, out);
        read(a, scratchSlot, k.protocol(), k.protocolSize());
        a.ldxDW(R1, R10, scratchSlot).jmpImm(Insn.JNE, R1, CounterProgram.IPPROTO_TCP, out);
        read(a, scratchSlot, k.state(), 1);
        a.ldxDW(R1, R10, scratchSlot);
        for (int state : CONNECTED) {
            a.jmpImm(Insn.JEQ, R1, state, connected);
        }
        a.ja(out).bind(connected);
        currentMark(a, k, valueSlot, scratchSlot);
        a.stxDW(R10, keySlot, R6);
        update(a, maps.marks(), keySlot, valueSlot, Bpf.NOEXIST);
        a.bind(out).mov64Imm(R0, 0).exit();
        return a.build();
    }

    /**
     * The program of a point that only keeps the marks: at {@code inet_sock_set_state},
     * {@code marks[sk] = copied_seq} where a TCP socket becomes ESTABLISHED and has no mark yet,
     * {@code delete marks[sk]} where it starts to connect; at {@code tcp_destroy_sock},
     * {@code delete marks[sk]}.
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
        Assembler.Label delete = a.label("delete");
        if (point == AttachPoint.STATE_TRACEPOINT) {
            a.jmp32Imm(Insn.JEQ, R7, TCP_SYN_SENT, delete).jmp32Imm(Insn.JEQ, R7, TCP_SYN_RECV, delete)
                    .jmp32Imm(Insn.JNE, R7, TCP_ESTABLISHED, out);
            read(a, valueSlot, k.copiedSeq(), 4);
            update(a, maps.marks(), keySlot, valueSlot, Bpf.NOEXIST).ja(out);
        }
        delete(a.bind(delete), maps.marks(), keySlot);
        a.bind(out).mov64Imm(R0, 0).exit();
        return a.build();
    }

    /**
     * {@code *(u64 *)(fp + slot) = size bytes at r6 + offset}, zero-extended, by a probe read: the
     * TCP fields lie beyond {@code struct sock}, and an iterator's socket is a {@code sock_common}.
     */
    private static void read(Assembler a, int slot, int offset, int size) {
        probeRead(a.stDW(R10, slot, 0).mov64Reg(R3, R6).add64Imm(R3, offset), slot, size);
    }

    /** {@code r1 = *(u64 *)(r6 + offset)} by a probe read (through the slot); to {@code out} where it is null. */
    private static void readPointer(Assembler a, int slot, int offset, Assembler.Label out) {
        read(a, slot, offset, 8);
        a.ldxDW(R1, R10, slot).jmpImm(Insn.JEQ, R1, 0, out);
    }
}
