package org.sstop.linux.ebpf;

/**
 * The kernel refused to load a program: its message carries the verifier's log (why) and the
 * program's listing (what), so that the failing instruction can be found on one screen.
 */
final class VerifierException extends ErrnoException {

    private final String log;

    VerifierException(String program, int errno, String log, String listing) {
        super("the kernel refused BPF program " + program, errno,
                "\nverifier log:\n" + log.strip() + "\nprogram:\n" + listing);
        this.log = log;
    }

    /** The verifier's log, as the kernel wrote it. */
    String log() {
        return log;
    }
}
