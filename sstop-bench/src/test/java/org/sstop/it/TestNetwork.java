package org.sstop.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A peer host for end-to-end tests: a network namespace joined to this one by a veth pair, with
 * a {@link TrafficGen} sink running inside it. Needs root and iproute2.
 */
final class TestNetwork implements AutoCloseable {

    final String namespace;
    final String hostAddress;
    final String peerAddress;
    private final String hostLink;
    private final List<Process> children = new ArrayList<>();

    private TestNetwork(String namespace, String hostLink, String hostAddress, String peerAddress) {
        this.namespace = namespace;
        this.hostLink = hostLink;
        this.hostAddress = hostAddress;
        this.peerAddress = peerAddress;
    }

    /** Fails in CI, skips elsewhere, when the test cannot run here. */
    static void require(boolean condition, String why) {
        if (!condition) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must run this test, but: " + why);
            }
            assumeTrue(false, why);
        }
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the namespace and veth pair and starts a sink on the peer at the given port. */
    static TestNetwork create(int sinkPort) throws Exception {
        require(System.getProperty("os.name").startsWith("Linux"), "needs Linux");
        require(isRoot(), "needs root to create a network namespace");
        require(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "needs iproute2 (ip)");
        int r = ThreadLocalRandom.current().nextInt(1, 250);
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999), 36);
        TestNetwork net = new TestNetwork("sst-it-" + tag, "sstit" + tag, "10.213." + r + ".1", "10.213." + r + ".2");
        try {
            net.ip("netns", "add", net.namespace);
            net.ip("link", "add", net.hostLink, "type", "veth", "peer", "name", "sstpeer" + tag);
            net.ip("link", "set", "sstpeer" + tag, "netns", net.namespace);
            net.ip("addr", "add", net.hostAddress + "/24", "dev", net.hostLink);
            net.ip("link", "set", net.hostLink, "up");
            net.ip("-n", net.namespace, "addr", "add", net.peerAddress + "/24", "dev", "sstpeer" + tag);
            net.ip("-n", net.namespace, "link", "set", "sstpeer" + tag, "up");
            net.ip("-n", net.namespace, "link", "set", "lo", "up");
            net.start(List.of("ip", "netns", "exec", net.namespace), "sink", net.peerAddress, Integer.toString(sinkPort));
            return net;
        } catch (Exception e) {
            net.close();
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
        return start(List.of(), args);
    }

    private Gen start(List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", classPath(), TrafficGen.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
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

    private void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }

    @Override
    public void close() {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (String[] cmd : new String[][] {{"link", "del", hostLink}, {"netns", "del", namespace}}) {
            try {
                ip(cmd);
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
