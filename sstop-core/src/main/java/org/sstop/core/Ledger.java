package org.sstop.core;

/**
 * The system's books: the {@link Account}s of traffic leaving or entering the host and of loopback
 * traffic, forwarded traffic, and the closure against the interface counters. Written by the
 * {@link Accountant} (and, for the interface side, the {@link Engine}); committed once per sample;
 * read by the {@link SnapshotAssembler}.
 */
final class Ledger {

    final Account external = new Account(true);
    final Account loopback = new Account(false);
    private long sampleInterface;
    private long sampleHeaders;
    private long sampleForwarded;
    private Coverage.Closure totals = Coverage.Closure.NONE;
    private Coverage coverage = Coverage.NONE;

    Account account(boolean loop) {
        return loop ? loopback : external;
    }

    /** Bytes the interfaces (not loopback) counted this sample, headers included, and their packets. */
    void interfaces(long bytes, long packets) {
        sampleInterface += bytes;
        sampleHeaders += packets * Coverage.HEADER_BYTES_PER_PACKET;
    }

    /** Payload the packet counter saw passing through this sample. */
    void forwarded(long bytes) {
        sampleForwarded += Math.max(0, bytes);
    }

    void commit(SampleTime t) {
        external.commit(t);
        loopback.commit(t);
        Traffic ext = external.total.traffic();
        long samplePayload = ext.upDelta() + ext.downDelta();
        Coverage.Closure sample = new Coverage.Closure(samplePayload, sampleInterface, sampleHeaders, sampleForwarded);
        totals = new Coverage.Closure(totals.payloadBytes() + samplePayload, totals.interfaceBytes() + sampleInterface,
                totals.estimatedHeaderBytes() + sampleHeaders, totals.forwardedBytes() + sampleForwarded);
        coverage = new Coverage(sample, totals);
        sampleInterface = 0;
        sampleHeaders = 0;
        sampleForwarded = 0;
    }

    Coverage coverage() {
        return coverage;
    }
}
