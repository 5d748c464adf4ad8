package org.sstop.core;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Lets a test (or a benchmark) outside this package drive a monitor's clocks, which the public
 * builder does not offer. Shipped in sstop-core's test jar only.
 */
public final class TestClocks {

    private TestClocks() {
    }

    /**
     * Sets both clocks of a builder.
     *
     * @param builder the builder
     * @param nanoClock the monotonic clock, nanoseconds
     * @param wallClock the wall clock
     * @return the builder
     */
    public static NetMonitor.Builder drive(NetMonitor.Builder builder, LongSupplier nanoClock, Clock wallClock) {
        return builder.nanoClock(nanoClock).wallClock(wallClock);
    }
}
