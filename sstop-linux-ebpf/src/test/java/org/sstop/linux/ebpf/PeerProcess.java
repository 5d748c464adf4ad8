package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sstop.testkit.LinkEnd;

/** A running {@link Peer}: its pid, port and outcome, read from what it prints. */
final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    final int pid;

    private PeerProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.pid = Integer.parseInt(expect("pid"));
    }

    /** Starts a peer in this JVM's namespace. */
    static PeerProcess start(String... args) throws IOException {
        return new PeerProcess(builder(args).start());
    }

    /** Starts a peer in a test network end's namespace. */
    static PeerProcess start(LinkEnd end, String... args) throws IOException {
        return new PeerProcess(end.start(builder(args)));
    }

    /** Starts a peer in this JVM's namespace, in a cgroup (its directory). */
    static PeerProcess startInCgroup(java.nio.file.Path cgroup, String... args) throws IOException {
        ProcessBuilder b = builder(args);
        return new PeerProcess(b.command(org.sstop.testkit.Cgroups.runIn(cgroup, b.command())).start());
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add(Peer.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        b.environment().remove("JAVA_TOOL_OPTIONS");
        return b;
    }

    /** Reads the next line, which must start with {@code word}, and returns the rest. */
    String expect(String word) throws IOException {
        String line = out.readLine();
        assertNotNull(line, "the peer ended before saying " + word);
        assertTrue(line.startsWith(word + " "), "peer said " + line + ", expected " + word);
        return line.substring(word.length() + 1);
    }

    /** The port it listens on. */
    int port() throws IOException {
        return Integer.parseInt(expect("port"));
    }

    /** Waits for the exit (at most 30 s, so that a lost datagram fails the test instead of hanging it) and returns N of {@code done N}. */
    long done() throws Exception {
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "peer did not finish");
        assertEquals(0, process.exitValue());
        return Long.parseLong(expect("done"));
    }

    /** Kills it if it still runs, and waits (a while) until it is gone: its cgroup can then be removed. */
    @Override
    public void close() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
