package org.sstop.api;

/** A {@link BackendProvider} of {@link SocketSource}; register implementations in {@code META-INF/services/org.sstop.api.SocketSourceProvider}. */
public interface SocketSourceProvider extends BackendProvider<SocketSource> {
}
