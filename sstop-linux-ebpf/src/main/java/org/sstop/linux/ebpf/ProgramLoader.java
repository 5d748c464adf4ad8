package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/**
 * Loads programs with {@code BPF_PROG_LOAD}. A load runs without a log first (a log costs the
 * verifier time, and since Linux 6.4 a log that fills its buffer fails even a good program);
 * when the kernel refuses, the load is repeated with {@code log_level} 1 to get the verifier's
 * reasons, in a buffer that grows while the kernel says ENOSPC, and the failure becomes a
 * {@link VerifierException} (or a plain {@link ErrnoException} when the log stays empty: the
 * program was refused before the verifier ran). Stateless apart from the caller's {@link Bpf} buffer.
 */
final class ProgramLoader {

    private static final int LOG_START = 64 * 1024;
    /** The kernel's own cap on a log buffer (UINT_MAX >> 2) is far above what a program this size writes. */
    private static final int LOG_MAX = 16 * 1024 * 1024;
    private static final int LOG_LEVEL = 1;

    private ProgramLoader() {
    }

    /**
     * Loads a tracing program.
     *
     * @param bpf the caller's syscall buffer
     * @param name the program's name, at most 15 characters
     * @param point where it will attach
     * @param btfId the vmlinux BTF id of {@code point}
     * @param program the instructions
     * @return the program's fd
     * @throws VerifierException when the verifier refuses it (with its log and the listing)
     * @throws ErrnoException when the load fails for another reason (e.g. EPERM)
     */
    static int load(Bpf bpf, String name, AttachPoint point, int btfId, Instructions program) throws ErrnoException {
        return load(bpf, name, AttachPoint.PROG_TYPE_TRACING, point.expectedAttachType(), btfId, program);
    }

    /**
     * Loads a program of any type (tests load small ones).
     *
     * @return the program's fd
     * @throws VerifierException when the verifier refuses it (with its log and the listing)
     * @throws ErrnoException when the load fails for another reason (e.g. EPERM)
     */
    static int load(Bpf bpf, String name, int type, int expectedAttachType, int btfId, Instructions program)
            throws ErrnoException {
        try (Memory insns = program.toMemory()) {
            try {
                return bpf.progLoad(type, expectedAttachType, btfId, insns, name, null, 0);
            } catch (ErrnoException first) {
                String log = logOf(bpf, type, expectedAttachType, btfId, insns, name, first);
                if (log.isBlank()) {
                    // refused before the verifier ran (privileges, a security module): no program error to show
                    throw new ErrnoException("BPF_PROG_LOAD " + name + " (refused before verification)", first.errno());
                }
                throw new VerifierException(name, first.errno(), log, program.listing());
            }
        }
    }

    /** Loads again with a log and returns it (or loads fine this time, which would be a kernel oddity: then says so). */
    private static String logOf(Bpf bpf, int type, int expectedAttachType, int btfId, Memory insns, String name,
            ErrnoException first) {
        for (int size = LOG_START; size <= LOG_MAX; size *= 4) {
            try (Memory log = new Memory(size)) {
                try {
                    int fd = bpf.progLoad(type, expectedAttachType, btfId, insns, name, log, LOG_LEVEL);
                    Libc.close(fd);
                    return "(the load with a log succeeded; the first failed with " + first.getMessage() + ")";
                } catch (ErrnoException e) {
                    if (e.errno() != Libc.ENOSPC) {
                        return text(log);
                    }
                }
            }
        }
        return "(no log: it did not fit in " + LOG_MAX + " bytes)";
    }

    private static String text(Memory log) {
        byte[] b = log.getByteArray(0, (int) log.size());
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
