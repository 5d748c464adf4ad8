package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstop.testkit.CiAssume;

/** The counting programs against the real verifier, and the error a refused program gives. */
class ProgramLoadKernelTest {

    private static Bpf bpf;
    private static KernelLayout layout;
    private static CounterMaps maps;

    @BeforeAll
    static void setUp() throws Exception {
        CiAssume.root();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF: " + Btf.VMLINUX);
        bpf = new Bpf();
        layout = KernelLayout.of(BtfReader.read(Btf.VMLINUX));
        maps = CounterMaps.create(bpf, 64, 64);
    }

    @AfterAll
    static void tearDown() {
        if (maps != null) {
            maps.close();
        }
        if (bpf != null) {
            bpf.close();
        }
    }

    /** Every attach point with every variant of helpers. */
    static Stream<Arguments> programs() {
        return Stream.of(AttachPoint.values())
                .flatMap(p -> CounterProgram.Variant.PREFERRED.stream().map(v -> Arguments.of(p, v)));
    }

    @ParameterizedTest
    @MethodSource("programs")
    void everyProgramPassesTheVerifier(AttachPoint point, CounterProgram.Variant variant) throws Exception {
        int id = loadable(point);
        Instructions program = CounterProgram.build(point, layout, maps, variant);
        int fd = ProgramLoader.load(bpf, point.programName(), point, id, program);
        try {
            assertEquals("anon_inode:bpf-prog", Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
        } finally {
            Libc.close(fd);
        }
    }

    /** The attach point's BTF id; skips where the kernel lacks it or refuses fexit programs altogether. */
    private static int loadable(AttachPoint point) {
        int id = layout.attachId(point);
        CiAssume.that(id > 0, "this kernel has no " + point.btfName());
        if (!point.tracepoint()) {
            ErrnoException refusal = CounterPrograms.fexitRefusal(bpf, layout);
            CiAssume.kernelPermits(refusal == null, "it refuses every fexit program, even 'return 0': " + refusal);
        }
        return id;
    }

    @Test
    void aRefusedProgramCarriesTheVerifierLogAndTheListing() {
        Assembler a = new Assembler();
        a.ldxDW(Assembler.R0, Assembler.R2, 0).exit(); // r2 is not initialized at entry
        AttachPoint point = layout.hasTracepoints() ? AttachPoint.SEND_TRACEPOINT : AttachPoint.INET_SENDMSG;
        int id = loadable(point);
        VerifierException e = assertThrows(VerifierException.class,
                () -> ProgramLoader.load(bpf, "sstop_bad", point, id, a.build()));
        assertEquals(Libc.EACCES, e.errno());
        assertTrue(e.log().contains("R2 !read_ok"), e.log());
        assertTrue(e.getMessage().contains("verifier log:") && e.getMessage().contains("R2 !read_ok"), e.getMessage());
        assertTrue(e.getMessage().contains("   0: (79) r0 = *(u64 *)(r2 +0)"), e.getMessage());
    }
}
