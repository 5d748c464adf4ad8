package org.sstop.testkit;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Moves the calling thread into a network namespace: {@code setns(2)} with {@code CLONE_NEWNET}
 * on the namespace file. The kit depends on the JDK alone, which cannot make that call, so a test
 * module with a native binding (JNA) supplies it to {@link LinkEnd#startThread}.
 */
@FunctionalInterface
public interface NamespaceEntry {

    /**
     * Enters the namespace, for the calling thread only, for the rest of its life.
     *
     * @param namespaceFile the namespace's bind mount, e.g. {@code /var/run/netns/NAME}
     * @throws IOException when the file cannot be opened or the call fails
     */
    void enter(Path namespaceFile) throws IOException;
}
