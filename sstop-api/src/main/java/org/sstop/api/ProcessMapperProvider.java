package org.sstop.api;

/** A {@link BackendProvider} of {@link ProcessMapper}; register implementations in {@code META-INF/services/org.sstop.api.ProcessMapperProvider}. */
public interface ProcessMapperProvider extends BackendProvider<ProcessMapper> {
}
