package org.sstop.linux.ebpf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a BPF program instruction by instruction, with named instructions and jumps to labels
 * resolved by {@link #build()}. Registers are numbers ({@link #R0} to {@link #R10}); sizes and
 * operations are the {@link Insn} constants. One use: build once, then discard.
 *
 * <pre>{@code
 * Assembler a = new Assembler();
 * Assembler.Label skip = a.label();
 * a.ldxDW(R2, R1, 8).jmpImm(Insn.JEQ, R2, 0, skip).mov64Imm(R0, 1).bind(skip).exit();
 * }</pre>
 */
final class Assembler {

    static final int R0 = 0;
    static final int R1 = 1;
    static final int R2 = 2;
    static final int R3 = 3;
    static final int R4 = 4;
    static final int R5 = 5;
    static final int R6 = 6;
    static final int R7 = 7;
    static final int R8 = 8;
    static final int R9 = 9;
    /** The frame pointer: read-only, the stack is below it (512 bytes). */
    static final int R10 = 10;

    /** A jump target; bind it once, jump to it from anywhere. */
    static final class Label {
        private final String name;

        private Label(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Insn> insns = new ArrayList<>();
    /** Where each bound label is, in instruction slots. */
    private final Map<Label, Integer> bound = new HashMap<>();
    /** Jumps waiting for their label: slot index to target. */
    private final Map<Integer, Label> pending = new HashMap<>();
    private int labels;

    /** A new, unbound label. */
    Label label() {
        return new Label("L" + labels++);
    }

    /** A new, unbound label with a name for listings. */
    Label label(String name) {
        labels++;
        return new Label(name);
    }

    /** Makes {@code label} point at the next instruction. */
    Assembler bind(Label label) {
        if (bound.putIfAbsent(label, insns.size()) != null) {
            throw new IllegalStateException("label " + label + " bound twice");
        }
        return this;
    }

    /** {@code dst = imm} (64-bit, sign-extended). */
    Assembler mov64Imm(int dst, int imm) {
        return alu64Imm(Insn.MOV, dst, imm);
    }

    /** {@code dst = src}. */
    Assembler mov64Reg(int dst, int src) {
        return alu64Reg(Insn.MOV, dst, src);
    }

    /** {@code dst = (u32) src}: the upper half cleared. */
    Assembler mov32Reg(int dst, int src) {
        return add(new Insn(Insn.ALU | Insn.MOV | Insn.X, dst, src, 0, 0));
    }

    /** {@code dst += imm}. */
    Assembler add64Imm(int dst, int imm) {
        return alu64Imm(Insn.ADD, dst, imm);
    }

    /** {@code dst op= imm} on 64 bits, e.g. {@code alu64Imm(Insn.RSH, R0, 32)}. */
    Assembler alu64Imm(int op, int dst, int imm) {
        return add(new Insn(Insn.ALU64 | op | Insn.K, dst, 0, 0, imm));
    }

    /** {@code dst op= src} on 64 bits. */
    Assembler alu64Reg(int op, int dst, int src) {
        return add(new Insn(Insn.ALU64 | op | Insn.X, dst, src, 0, 0));
    }

    /** {@code dst = *(u8 *)(src + off)}. */
    Assembler ldxB(int dst, int src, int off) {
        return ldx(Insn.B, dst, src, off);
    }

    /** {@code dst = *(u16 *)(src + off)}. */
    Assembler ldxH(int dst, int src, int off) {
        return ldx(Insn.H, dst, src, off);
    }

    /** {@code dst = *(u32 *)(src + off)}. */
    Assembler ldxW(int dst, int src, int off) {
        return ldx(Insn.W, dst, src, off);
    }

    /** {@code dst = *(u64 *)(src + off)}. */
    Assembler ldxDW(int dst, int src, int off) {
        return ldx(Insn.DW, dst, src, off);
    }

    /** {@code dst = *(size *)(src + off)} for a size constant of {@link Insn}. */
    Assembler ldx(int size, int dst, int src, int off) {
        return add(new Insn(Insn.LDX | size | Insn.MEM, dst, src, off, 0));
    }

    /** {@code *(u64 *)(dst + off) = src}. */
    Assembler stxDW(int dst, int off, int src) {
        return add(new Insn(Insn.STX | Insn.DW | Insn.MEM, dst, src, off, 0));
    }

    /** {@code *(u32 *)(dst + off) = src}. */
    Assembler stxW(int dst, int off, int src) {
        return add(new Insn(Insn.STX | Insn.W | Insn.MEM, dst, src, off, 0));
    }

    /** {@code *(u64 *)(dst + off) = imm} (sign-extended). */
    Assembler stDW(int dst, int off, int imm) {
        return add(new Insn(Insn.ST | Insn.DW | Insn.MEM, dst, 0, off, imm));
    }

    /**
     * {@code lock *(u64 *)(dst + off) += src}: {@code BPF_STX | BPF_ATOMIC | BPF_DW} with
     * {@code imm = BPF_ADD}, the encoding of the old {@code BPF_XADD} that every kernel accepts.
     */
    Assembler atomicAdd64(int dst, int off, int src) {
        return add(new Insn(Insn.STX | Insn.DW | Insn.ATOMIC, dst, src, off, Insn.ADD));
    }

    /**
     * {@code r0 = cmpxchg((u64 *)(dst + off), r0, src)}: where memory equals r0 it becomes src;
     * r0 gets what memory held (Linux 5.12+).
     */
    Assembler atomicCmpxchg64(int dst, int off, int src) {
        return add(new Insn(Insn.STX | Insn.DW | Insn.ATOMIC, dst, src, off, Insn.CMPXCHG));
    }

    /** {@code dst = imm64}: two instruction slots. */
    Assembler ldImm64(int dst, long imm) {
        add(new Insn(Insn.LD | Insn.DW | Insn.IMM, dst, 0, 0, (int) imm));
        return add(new Insn(0, 0, 0, 0, (int) (imm >>> 32)));
    }

    /** {@code dst = map}: a 64-bit immediate load of a map fd, which the kernel replaces by the map's address. */
    Assembler ldMapFd(int dst, int mapFd) {
        add(new Insn(Insn.LD | Insn.DW | Insn.IMM, dst, Insn.PSEUDO_MAP_FD, 0, mapFd));
        return add(new Insn(0, 0, 0, 0, 0));
    }

    /** {@code goto target}. */
    Assembler ja(Label target) {
        return jump(new Insn(Insn.JMP | Insn.JA, 0, 0, 0, 0), target);
    }

    /** {@code if (dst op imm) goto target}, comparing 64 bits, e.g. {@code jmpImm(Insn.JEQ, R0, 0, out)}. */
    Assembler jmpImm(int op, int dst, int imm, Label target) {
        return jump(new Insn(Insn.JMP | op | Insn.K, dst, 0, 0, imm), target);
    }

    /** {@code if (dst op src) goto target}, comparing 64 bits. */
    Assembler jmpReg(int op, int dst, int src, Label target) {
        return jump(new Insn(Insn.JMP | op | Insn.X, dst, src, 0, 0), target);
    }

    /** {@code if ((u32) dst op imm) goto target}, comparing the low 32 bits (e.g. an {@code int} in a 64-bit slot). */
    Assembler jmp32Imm(int op, int dst, int imm, Label target) {
        return jump(new Insn(Insn.JMP32 | op | Insn.K, dst, 0, 0, imm), target);
    }

    /** {@code r0 = helper(r1, ..., r5)}; r1 to r5 are clobbered. */
    Assembler call(int helper) {
        return add(new Insn(Insn.JMP | Insn.CALL, 0, 0, 0, helper));
    }

    /** {@code return r0}. */
    Assembler exit() {
        return add(new Insn(Insn.JMP | Insn.EXIT, 0, 0, 0, 0));
    }

    /** How many instruction slots so far. */
    int size() {
        return insns.size();
    }

    /**
     * Resolves the jumps.
     *
     * @return the program
     * @throws IllegalStateException when a jump's label was never bound or is out of reach
     */
    Instructions build() {
        List<Insn> out = new ArrayList<>(insns);
        for (Map.Entry<Integer, Label> jump : pending.entrySet()) {
            Integer target = bound.get(jump.getValue());
            if (target == null) {
                throw new IllegalStateException("label " + jump.getValue() + " is never bound");
            }
            int at = jump.getKey();
            int distance = target - (at + 1);
            if (distance < Short.MIN_VALUE || distance > Short.MAX_VALUE) {
                throw new IllegalStateException("jump at " + at + " to " + jump.getValue() + " out of reach");
            }
            Insn j = out.get(at);
            out.set(at, new Insn(j.code(), j.dst(), j.src(), distance, j.imm()));
        }
        return new Instructions(out);
    }

    private Assembler jump(Insn insn, Label target) {
        pending.put(insns.size(), target);
        return add(insn);
    }

    private Assembler add(Insn insn) {
        insns.add(insn);
        return this;
    }
}
