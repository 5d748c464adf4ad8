package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.linux.ebpf.Assembler.R0;
import static org.sstop.linux.ebpf.Assembler.R1;
import static org.sstop.linux.ebpf.Assembler.R10;
import static org.sstop.linux.ebpf.Assembler.R2;
import static org.sstop.linux.ebpf.Assembler.R6;
import static org.sstop.linux.ebpf.Assembler.R7;
import static org.sstop.linux.ebpf.Assembler.R8;

import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;

/**
 * Encodings against the bytes the uapi macros produce (BPF_MOV64_REG, BPF_LDX_MEM, ... as in
 * {@code include/linux/filter.h} and {@code tools/include/linux/filter.h}), written out by hand
 * for a little-endian host.
 */
class AssemblerTest {

    @BeforeAll
    static void littleEndian() {
        CiAssume.that(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
                "the expected bytes are written for little-endian hosts");
    }

    @Test
    void movesAndExit() {
        assertEncodes("bf16000000000000", new Assembler().mov64Reg(R6, R1));
        assertEncodes("b700000000000000", new Assembler().mov64Imm(R0, 0));
        assertEncodes("b7010000ffffffff", new Assembler().mov64Imm(R1, -1));
        assertEncodes("bc88000000000000", new Assembler().mov32Reg(R8, R8));
        assertEncodes("9500000000000000", new Assembler().exit());
    }

    @Test
    void arithmetic() {
        assertEncodes("07010000f0ffffff", new Assembler().add64Imm(R1, -16));
        assertEncodes("7700000020000000", new Assembler().alu64Imm(Insn.RSH, R0, 32));
        assertEncodes("57020000ff000000", new Assembler().alu64Imm(Insn.AND, R2, 0xff));
        assertEncodes("0f21000000000000", new Assembler().alu64Reg(Insn.ADD, R1, R2));
        assertEncodes("4f21000000000000", new Assembler().alu64Reg(Insn.OR, R1, R2));
    }

    @Test
    void loadsAndStores() {
        assertEncodes("7967080000000000", new Assembler().ldxDW(R7, R6, 8));
        assertEncodes("6171040000000000", new Assembler().ldxW(R1, R7, 4));
        assertEncodes("6971100000000000", new Assembler().ldxH(R1, R7, 16));
        assertEncodes("7171ff0000000000", new Assembler().ldxB(R1, R7, 255));
        assertEncodes("7b1af8ff00000000", new Assembler().stxDW(R10, -8, R1));
        assertEncodes("631af0ff00000000", new Assembler().stxW(R10, -16, R1));
        assertEncodes("7a0ae8ff07000000", new Assembler().stDW(R10, -24, 7));
    }

    @Test
    void atomicAddIsTheOldXaddEncoding() {
        // BPF_STX | BPF_DW | BPF_ATOMIC (= BPF_XADD, 0xc0) = 0xdb, imm BPF_ADD = 0
        assertEncodes("db10080000000000", new Assembler().atomicAdd64(R0, 8, R1));
    }

    @Test
    void sixtyFourBitImmediatesTakeTwoSlots() {
        assertEncodes("1801000078563412" + "00000000f0debc9a", new Assembler().ldImm64(R1, 0x9abcdef012345678L));
        // BPF_LD_MAP_FD: src_reg BPF_PSEUDO_MAP_FD (1), imm = fd
        assertEncodes("1811000005000000" + "0000000000000000", new Assembler().ldMapFd(R1, 5));
    }

    @Test
    void callsAndJumpsToLabels() {
        assertEncodes("850000000e000000", new Assembler().call(14));
        Assembler a = new Assembler();
        Assembler.Label end = a.label();
        Assembler.Label top = a.label();
        a.bind(top)
                .jmpImm(Insn.JEQ, R1, 0, end)      // 0: 15 01 0300 00000000 (+3 -> 4)
                .jmp32Imm(Insn.JSLE, R2, 0, end)   // 1: d6 02 0200 00000000 (+2 -> 4)
                .jmpReg(Insn.JNE, R1, R2, top)     // 2: 5d 21 fdff 00000000 (-3 -> 0)
                .ja(end)                           // 3: 05 00 0000 00000000 (+0 -> 4)
                .bind(end).exit();
        assertEquals("1501030000000000" + "d602020000000000" + "5d21fdff00000000" + "0500000000000000"
                + "9500000000000000", HexFormat.of().formatHex(a.build().bytes()));
    }

    @Test
    void mistakesAreCaughtAtBuildTime() {
        Assembler a = new Assembler();
        a.ja(a.label("nowhere"));
        assertTrue(assertThrows(IllegalStateException.class, a::build).getMessage().contains("nowhere"));
        Assembler twice = new Assembler();
        Assembler.Label l = twice.label();
        twice.bind(l);
        assertThrows(IllegalStateException.class, () -> twice.bind(l));
        assertThrows(IllegalArgumentException.class, () -> new Assembler().mov64Reg(11, 1));
        assertThrows(IllegalArgumentException.class, () -> new Assembler().ldxDW(R1, R2, 40_000));
    }

    @Test
    void theListingReadsLikeTheVerifierLog() {
        Assembler a = new Assembler();
        Assembler.Label out = a.label();
        a.mov64Reg(R6, R1).ldxDW(R7, R6, 8).ldMapFd(R1, 4).jmp32Imm(Insn.JSLE, R7, 0, out)
                .atomicAdd64(R0, 16, R7).stDW(R10, -8, 0).bind(out).mov64Imm(R0, 0).exit();
        String listing = a.build().listing();
        assertTrue(listing.contains("   0: (bf) r6 = r1"), listing);
        assertTrue(listing.contains("   1: (79) r7 = *(u64 *)(r6 +8)"), listing);
        assertTrue(listing.contains("   2: (18) r1 = map_fd(4)"), listing);
        assertTrue(listing.contains("   4: (d6) if w7 s<= 0x0 goto pc+2 (7)"), listing);
        assertTrue(listing.contains("   5: (db) lock *(u64 *)(r0 +16) += r7"), listing);
        assertTrue(listing.contains("   6: (7a) *(u64 *)(r10 -8) = 0"), listing);
        assertTrue(listing.contains("   8: (95) exit"), listing);
        assertEquals(9, a.build().size());
    }

    private static void assertEncodes(String hex, Assembler a) {
        assertEquals(hex, HexFormat.of().formatHex(a.build().bytes()));
    }
}
