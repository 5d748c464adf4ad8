package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.core.ContainerStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.testkit.CiAssume;

/**
 * A real Podman container, run from a local root filesystem (a static busybox, nothing
 * downloaded), receives known bytes from this host through its bridge: without the eBPF tier,
 * sstop lists the container's process with its container name and namespace, its listening
 * socket, its bytes on the process and on the container's group.
 *
 * <p>Podman runs with {@code runc}, which works on hybrid cgroup hierarchies where {@code crun}
 * refuses; the container's rlimits are set low because raising them needs CAP_SYS_RESOURCE,
 * which sandboxed CI hosts lack.
 */
class PodmanContainerTest {

    private static final int PORT = 9000;
    private static final int CHUNK = 100_000;
    private static final int CHUNKS = 50;

    @TempDir
    Path rootfs;

    @Test
    void aContainersProcessIsListedWithItsNameItsListenerAndItsBytes() throws Exception {
        CiAssume.root();
        CiAssume.onPath("podman");
        CiAssume.onPath("runc");
        Path busybox = Path.of("/bin/busybox");
        CiAssume.that(Files.isExecutable(busybox), "needs a static busybox at /bin/busybox (Debian busybox-static)");
        makeRootfs(busybox);
        String name = "sstop-it-" + ThreadLocalRandom.current().nextInt(1 << 30);
        String id = podman("run", "-d", "--name", name, "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
                "--rootfs", rootfs.toString(), "/bin/sh", "-c", "nc -l -p " + PORT + " > /dev/null").strip();
        try (Watch w = Watch.start(Tier.NETLINK)) {
            String[] inspect = podman("inspect", name, "--format", "{{.NetworkSettings.IPAddress}} {{.State.Pid}}")
                    .strip().split(" ");
            String address = inspect[0];
            long netns = netnsOf(Long.parseLong(inspect[1]));
            assertNotEquals(netnsOf(ProcessHandle.current().pid()), netns, "the container has a namespace of its own");
            ListenEntry listener = awaitListener(w, netns);
            assertEquals("nc", listener.name(), "the listening socket's owner");

            long sent = send(address);
            Snapshot last = w.settle();

            ProcessStats nc = last.processes().stream().filter(p -> p.pid() == listener.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("the container's nc (pid " + listener.pid() + ") is not listed"));
            assertEquals("podman", nc.container().runtime());
            assertEquals(id, nc.container().id());
            assertEquals(name, nc.container().name(), "the name read from Podman's container storage");
            assertEquals(netns, nc.netns(), "the process's network namespace");
            Watch.report(Watch.within(sent, nc.traffic().downBytes(), 0.01, "podman container's process, received"));
            ContainerStats group = last.containers().stream().filter(c -> id.equals(c.container().id())).findFirst()
                    .orElseThrow(() -> new AssertionError("no group for the container in " + last.containers()));
            Watch.report(Watch.within(sent, group.traffic().downBytes(), 0.01, "podman container's group, received"));
            assertTrue(last.hosts().stream().anyMatch(h -> h.netns() == netns && h.traffic().totalBytes() >= sent),
                    "the host seen from the container's namespace, with its bytes: " + last.hosts());
        } finally {
            podman("rm", "-f", name);
        }
    }

    /** A root filesystem of one static busybox and the applets the container runs. */
    private void makeRootfs(Path busybox) throws IOException {
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : List.of("sh", "nc")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
    }

    /** Waits (up to 20 s) for the container's listening socket, seen in its own namespace. */
    private static ListenEntry awaitListener(Watch w, long netns) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ListenEntry e : w.latest().listen()) {
                if (e.local().port() == PORT && e.netns() == netns) {
                    return e;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("port " + PORT + " of namespace " + netns + " never listed: " + w.latest().listen());
    }

    /** Sends {@code CHUNKS × CHUNK} bytes over 5 s and keeps the connection open a while after. */
    private static long send(String address) throws IOException, InterruptedException {
        byte[] chunk = new byte[CHUNK];
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, PORT), 5_000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < CHUNKS; i++) {
                out.write(chunk);
                Thread.sleep(100);
            }
            out.flush();
            Thread.sleep(2_000);
        }
        return (long) CHUNK * CHUNKS;
    }

    private static long netnsOf(long pid) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }

    /**
     * Runs {@code podman --runtime runc ARGS}; returns its standard output (its warnings, such as a
     * CNI configuration it does not use, go to stderr), failing on a non-zero exit with both.
     */
    private static String podman(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("podman", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "podman " + args[0] + " did not finish");
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "podman " + String.join(" ", args) + ": " + text + Files.readString(err));
            return text;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
