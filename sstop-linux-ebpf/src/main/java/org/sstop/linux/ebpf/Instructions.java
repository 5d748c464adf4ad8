package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An assembled program: its instructions, their bytes for {@code BPF_PROG_LOAD}, and a listing
 * in the C-like syntax of the kernel's verifier log (so that a log line "12: (79) r1 = ..." can
 * be read beside it). Immutable.
 */
final class Instructions {

    private static final String[] ALU_OPS = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "end"};
    private static final String[] JMP_OPS = {"goto", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<="};

    private final List<Insn> insns;

    Instructions(List<Insn> insns) {
        this.insns = List.copyOf(insns);
    }

    /** The instructions, one per 8-byte slot (a 64-bit immediate load takes two). */
    List<Insn> insns() {
        return insns;
    }

    /** How many 8-byte slots. */
    int size() {
        return insns.size();
    }

    /** The bytes, in the host's order. */
    byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(insns.size() * Insn.SIZE);
        for (Insn i : insns) {
            i.encode(b);
        }
        return b.array();
    }

    /** The bytes in native memory, for {@code BPF_PROG_LOAD}; the caller closes it. */
    Memory toMemory() {
        byte[] b = bytes();
        Memory m = new Memory(b.length);
        m.write(0, b, 0, b.length);
        return m;
    }

    /** One line per instruction: slot number, opcode in hex, and what it does. */
    String listing() {
        StringBuilder out = new StringBuilder();
        for (int slot = 0; slot < insns.size(); slot++) {
            Insn i = insns.get(slot);
            out.append(String.format("%4d: (%02x) %s%n", slot, i.code(), describe(i, slot)));
            if (i.code() == (Insn.LD | Insn.DW | Insn.IMM)) {
                slot++; // the second half of the 64-bit immediate
            }
        }
        return out.toString();
    }

    private String describe(Insn i, int slot) {
        int op = i.code() & 0xf0;
        boolean reg = (i.code() & Insn.X) != 0;
        switch (i.instructionClass()) {
            case Insn.ALU64:
            case Insn.ALU: {
                String r = i.instructionClass() == Insn.ALU64 ? "r" : "w";
                return r + i.dst() + " " + name(ALU_OPS, op) + " " + (reg ? r + i.src() : Integer.toString(i.imm()));
            }
            case Insn.JMP:
            case Insn.JMP32: {
                if (op == Insn.CALL) {
                    return "call " + i.imm();
                }
                if (op == Insn.EXIT) {
                    return "exit";
                }
                String target = "goto pc" + (i.off() >= 0 ? "+" : "") + i.off() + " (" + (slot + 1 + i.off()) + ")";
                if (op == Insn.JA) {
                    return target;
                }
                String r = i.instructionClass() == Insn.JMP ? "r" : "w";
                return "if " + r + i.dst() + " " + name(JMP_OPS, op) + " " + (reg ? r + i.src() : hex(i.imm())) + " " + target;
            }
            case Insn.LDX:
                return "r" + i.dst() + " = *(" + size(i) + " *)(r" + i.src() + offset(i) + ")";
            case Insn.STX:
                if ((i.code() & 0xe0) == Insn.ATOMIC) {
                    return "lock *(" + size(i) + " *)(r" + i.dst() + offset(i) + ") " + name(ALU_OPS, i.imm() & 0xf0) + " r" + i.src();
                }
                return "*(" + size(i) + " *)(r" + i.dst() + offset(i) + ") = r" + i.src();
            case Insn.ST:
                return "*(" + size(i) + " *)(r" + i.dst() + offset(i) + ") = " + i.imm();
            case Insn.LD:
                if (i.src() == Insn.PSEUDO_MAP_FD) {
                    return "r" + i.dst() + " = map_fd(" + i.imm() + ")";
                }
                long high = slot + 1 < insns.size() ? insns.get(slot + 1).imm() : 0;
                return "r" + i.dst() + " = " + hex((high << 32) | (i.imm() & 0xffffffffL)) + " ll";
            default:
                return "?";
        }
    }

    private static String name(String[] names, int op) {
        int index = op >>> 4;
        return index < names.length ? names[index] : "op" + op;
    }

    private static String size(Insn i) {
        switch (i.code() & 0x18) {
            case Insn.B: return "u8";
            case Insn.H: return "u16";
            case Insn.W: return "u32";
            default: return "u64";
        }
    }

    private static String offset(Insn i) {
        return (i.off() >= 0 ? " +" : " ") + i.off();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
