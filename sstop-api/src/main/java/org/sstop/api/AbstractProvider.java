package org.sstop.api;

import java.util.Objects;

/**
 * The part every provider shares, a fixed name and priority; a provider extends it and adds its
 * availability probe and how it opens its backend:
 *
 * <pre>{@code
 * public final class MySourceProvider extends AbstractProvider<SocketSource> implements SocketSourceProvider {
 *     public MySourceProvider() { super("my-source", 60); }
 *     public Availability availability() { ... }
 *     public SocketSource open() throws IOException { ... }
 * }
 * }</pre>
 *
 * @param <T> the service it opens
 */
public abstract class AbstractProvider<T extends Backend> implements BackendProvider<T> {

    private final String name;
    private final int priority;

    /**
     * @param name the provider's short, stable name (see {@link BackendProvider#name()})
     * @param priority its tier (see {@link BackendProvider#priority()})
     */
    protected AbstractProvider(String name, int priority) {
        this.name = Objects.requireNonNull(name, "name");
        this.priority = priority;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }
}
