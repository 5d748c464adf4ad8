package org.sstop.api;

/** A {@link BackendProvider} of {@link TrafficCounter}; register implementations in {@code META-INF/services/org.sstop.api.TrafficCounterProvider}. */
public interface TrafficCounterProvider extends BackendProvider<TrafficCounter> {
}
