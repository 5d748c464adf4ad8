package org.sstop.api;

/** A {@link BackendProvider} of {@link InterfaceStats}; register implementations in {@code META-INF/services/org.sstop.api.InterfaceStatsProvider}. */
public interface InterfaceStatsProvider extends BackendProvider<InterfaceStats> {
}
