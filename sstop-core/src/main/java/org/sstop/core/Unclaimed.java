package org.sstop.core;

/**
 * The bytes one socket was charged as unattributed, by reason and by path (loopback or not),
 * kept until its owner is found late and takes them over. Written by the {@link Accountant}.
 */
final class Unclaimed {

    private static final UnattributedReason[] REASONS = UnattributedReason.values();
    /** {@code [(loop * reasons + reason) * 2]} up, {@code + 1} down. */
    private final long[] bytes = new long[2 * 2 * REASONS.length];

    void add(boolean loopback, UnattributedReason reason, long up, long down) {
        int i = index(loopback, reason);
        bytes[i] += up;
        bytes[i + 1] += down;
    }

    long up(boolean loopback, UnattributedReason reason) {
        return bytes[index(loopback, reason)];
    }

    long down(boolean loopback, UnattributedReason reason) {
        return bytes[index(loopback, reason) + 1];
    }

    /** All its bytes, up and down, on both paths and for every reason. */
    long total() {
        long sum = 0;
        for (long b : bytes) {
            sum += b;
        }
        return sum;
    }

    private static int index(boolean loopback, UnattributedReason reason) {
        return ((loopback ? REASONS.length : 0) + reason.ordinal()) * 2;
    }
}
