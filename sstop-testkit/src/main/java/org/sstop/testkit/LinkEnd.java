package org.sstop.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One end of a {@link TestNetwork}'s veth pair: its namespace, interface and addresses, and ways
 * to run code there. Immutable; processes it starts are handed to its network, which kills them
 * on close.
 */
public final class LinkEnd {

    private final String namespace;
    private final String link;
    private final String address;
    private final String address6;
    private final List<Process> started;

    /**
     * @param namespace the namespace, or null for this JVM's
     * @param link the interface's name
     * @param address the IPv4 address, dotted
     * @param address6 the IPv6 address, or null when the network has none
     * @param started the network's list of processes to kill on close
     */
    LinkEnd(String namespace, String link, String address, String address6, List<Process> started) {
        this.namespace = namespace;
        this.link = link;
        this.address = address;
        this.address6 = address6;
        this.started = started;
    }

    /** The network namespace of this end, or empty for the namespace this JVM runs in. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** The name of this end's interface (at most 15 characters). */
    public String link() {
        return link;
    }

    /** This end's IPv4 address, dotted ({@code .1} near, {@code .2} far, prefix /24). */
    public String address() {
        return address;
    }

    /**
     * This end's IPv6 address (prefix /64, no duplicate address detection, usable at once).
     *
     * @return the address
     * @throws IllegalStateException unless the network was made with {@link TestNetwork.Ipv6#ADDRESSED}
     */
    public String address6() {
        if (address6 == null) {
            throw new IllegalStateException("this test network has no IPv6 addresses");
        }
        return address6;
    }

    /**
     * A command that runs {@code command} in this end's namespace.
     *
     * @param command the program and its arguments
     * @return {@code ip netns exec NAMESPACE command...}, or the command itself in this JVM's namespace
     */
    public List<String> command(String... command) {
        List<String> full = new ArrayList<>();
        if (namespace != null) {
            full.addAll(List.of("ip", "netns", "exec", namespace));
        }
        full.addAll(List.of(command));
        return full;
    }

    /**
     * Runs a command in this end's namespace to completion (at most 60 s).
     *
     * @param command the program and its arguments
     * @return its output, stdout and stderr together
     * @throws IOException when it fails, exits non-zero or times out
     */
    public String run(String... command) throws IOException {
        return Commands.run(command(command));
    }

    /**
     * Starts a process in this end's namespace; the network kills it (and its descendants) on
     * close if it still runs.
     *
     * @param builder the process to start; its command is replaced by {@link #command} of it,
     *     its redirections and environment are kept
     * @return the process
     * @throws IOException when it cannot start
     */
    public Process start(ProcessBuilder builder) throws IOException {
        builder.command(command(builder.command().toArray(String[]::new)));
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /**
     * Starts a command in this end's namespace, stderr merged into stdout; see {@link #start(ProcessBuilder)}.
     *
     * @param command the program and its arguments
     * @return the process
     * @throws IOException when it cannot start
     */
    public Process start(String... command) throws IOException {
        return start(new ProcessBuilder(command).redirectErrorStream(true));
    }

    /**
     * Runs {@code task} on a new thread inside this end's namespace (sockets it opens live there).
     *
     * @param entry how a thread enters a namespace (the kit cannot call {@code setns(2)} itself)
     * @param task what to run
     * @param <T> its result
     * @return the running task
     */
    public <T> NamespaceThread<T> startThread(NamespaceEntry entry, Callable<T> task) {
        Path file = namespace == null ? null : TestNetwork.namespaceFile(namespace);
        return NamespaceThread.start(file, namespace == null ? link : namespace, entry, task);
    }
}
