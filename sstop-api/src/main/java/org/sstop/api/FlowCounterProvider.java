package org.sstop.api;

/** A {@link BackendProvider} of {@link FlowCounter}; register implementations in {@code META-INF/services/org.sstop.api.FlowCounterProvider}. */
public interface FlowCounterProvider extends BackendProvider<FlowCounter> {
}
