package org.sstop.api;

/** A {@link BackendProvider} of {@link InterfaceSource}; register implementations in {@code META-INF/services/org.sstop.api.InterfaceSourceProvider}. */
public interface InterfaceSourceProvider extends BackendProvider<InterfaceSource> {
}
