package org.sstop.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sstop.testkit.LinkEnd;
import org.sstop.testkit.TestNetwork;

/**
 * A peer host for end-to-end tests: the test kit's {@link TestNetwork} (a network namespace
 * joined to this one by a veth pair), with a {@link TrafficGen} sink running inside it. Needs
 * root and iproute2 (skipped without them, failed on CI).
 */
final class PeerHost implements AutoCloseable {

    /** The peer's address, where its sink listens. */
    final String peerAddress;
    /** This (the host) namespace's address on the link. */
    final String hostAddress;
    private final TestNetwork net;
    /** Links to the java launcher under other names (made on first use, removed on close). */
    private Path names;

    private PeerHost(TestNetwork net) {
        this.net = net;
        this.peerAddress = net.far().address();
        this.hostAddress = net.near().address();
    }

    /** Creates the namespace and veth pair and starts a sink on the peer at the given port. */
    static PeerHost create(int sinkPort) throws Exception {
        PeerHost host = new PeerHost(TestNetwork.toPeer(TestNetwork.Ipv6.KERNEL_DEFAULT));
        try {
            host.start(host.net.far(), List.of(java()), "sink", host.peerAddress, Integer.toString(sinkPort));
            return host;
        } catch (Exception e) {
            try {
                host.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** A running generator process and the pid it announced. */
    record Gen(Process process, long pid, BufferedReader out) {
        /** Waits for the DONE line and returns the bytes the generator reports it moved. */
        long awaitDone(long timeoutSeconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("DONE ")) {
                    process.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L), TimeUnit.SECONDS);
                    return Long.parseLong(line.split(" ")[2]);
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            throw new IllegalStateException("generator " + pid + " did not finish");
        }
    }

    /** Starts a generator in this (the host) namespace. */
    Gen run(String... args) throws Exception {
        return start(net.near(), List.of(java()), args);
    }

    /** Starts a generator in the peer's namespace (as a process in a container would run). */
    Gen runOnPeer(String... args) throws Exception {
        return start(net.far(), List.of(java()), args);
    }

    /**
     * Starts a generator in this namespace under its own process name: the java launcher is run
     * through a link called {@code name}, and the kernel names a process after what it executed.
     */
    Gen runNamed(String name, String... args) throws Exception {
        if (names == null) {
            names = Files.createTempDirectory("sstop-names");
        }
        Path link = names.resolve(name);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, Path.of(java()));
        }
        return start(net.near(), List.of(link.toString()), args);
    }

    /**
     * Starts a generator in this namespace inside a cgroup (its directory): a shell moves itself
     * into it and then becomes the JVM, so the process is in the cgroup before it opens any socket
     * (sstop reads a process's cgroup once, when it first describes it).
     */
    Gen runInCgroup(Path cgroup, String... args) throws Exception {
        return start(net.near(), org.sstop.testkit.Cgroups.runIn(cgroup, List.of(java())), args);
    }

    /**
     * Starts a Python script as a generator in this namespace, for calls Java cannot make (such as
     * {@code splice(2)}): it speaks the generators' protocol ({@code READY pid}, {@code DONE pid
     * bytes}) and gets {@code args} as {@code sys.argv[1:]}.
     */
    Gen runPython(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        return start(net.near(), cmd);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts a generator at one end of the link; the network kills it on close. */
    private Gen start(LinkEnd end, List<String> launcher, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", classPath(), TrafficGen.class.getName()));
        cmd.addAll(List.of(args));
        return start(end, cmd);
    }

    private static Gen start(LinkEnd end, List<String> cmd) throws Exception {
        Process p = end.start(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            p.destroyForcibly();
            throw new IllegalStateException("generator did not start: " + cmd + " said " + line);
        }
        return new Gen(p, Long.parseLong(line.substring(6).strip()), out);
    }

    private static String classPath() throws Exception {
        return Path.of(TrafficGen.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Kills the generators and removes the namespace and link. */
    @Override
    public void close() throws IOException {
        net.close();
        if (names != null) {
            try (var links = Files.list(names)) {
                for (Path link : (Iterable<Path>) links::iterator) {
                    Files.delete(link);
                }
            }
            Files.delete(names);
        }
    }
}
