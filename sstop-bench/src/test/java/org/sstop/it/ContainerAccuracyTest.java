package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sstop.api.ContainerInfo;
import org.sstop.core.ContainerStats;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.testkit.Cgroups;
import org.sstop.testkit.CiAssume;

/**
 * Processes placed in cgroups shaped like a Docker container's and a systemd service's, moving
 * known bytes: sstop names their container or service, and its group in the snapshot holds their
 * bytes, on the socket tier and on the eBPF tier.
 */
class ContainerAccuracyTest {

    /** Upload rates (bytes/s) for {@link #SECONDS}: long enough for samples to see the processes alive. */
    private static final int RATE = 2_000_000;
    private static final String SECONDS = "5";

    private static PeerHost net;
    private static int port;
    private static Path root;

    @BeforeAll
    static void setUp() throws Exception {
        CiAssume.root();
        root = Cgroups.v2Mount();
        CiAssume.that(root != null, "needs a cgroup v2 hierarchy mounted (cgroup2 in /proc/self/mounts)");
        port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        net = PeerHost.create(port);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Tier.class, names = {"NETLINK", "EBPF_TRACEPOINT"})
    void processesInContainersAndServicesAreGroupedWithTheirBytes(Tier tier) throws Exception {
        String id = Cgroups.randomHex(32);
        String slice = "sstop-it-" + ThreadLocalRandom.current().nextInt(1 << 30) + ".slice";
        Path docker = root.resolve(slice).resolve("docker-" + id + ".scope");
        Path service = root.resolve(slice).resolve("sstop-it-web.service");
        List<PeerHost.Gen> gens = new ArrayList<>();
        try (Watch w = Watch.start(tier)) {
            Files.createDirectories(docker);
            Files.createDirectories(service);
            gens.add(net.runInCgroup(docker, "upload", net.peerAddress, Integer.toString(port),
                    Integer.toString(RATE), SECONDS));
            gens.add(net.runInCgroup(service, "upload", net.peerAddress, Integer.toString(port),
                    Integer.toString(RATE / 2), SECONDS));
            long inDocker = gens.get(0).awaitDone(60);
            long inService = gens.get(1).awaitDone(60);
            Snapshot last = w.settle();

            ProcessStats p = process(last, gens.get(0).pid());
            assertEquals(new ContainerInfo("docker", id, id.substring(0, 12), null, "docker-" + id + ".scope"), p.container());
            Watch.report(Watch.within(inDocker, group(last, "docker", id).traffic().upBytes(), 0.01,
                    tier + " docker container's group"));
            ProcessStats s = process(last, gens.get(1).pid());
            assertEquals("systemd", s.container().runtime());
            assertEquals("sstop-it-web.service", s.container().unit());
            Watch.report(Watch.within(inService, group(last, "systemd", null).traffic().upBytes(), 0.01,
                    tier + " systemd service's group"));
        } finally {
            for (PeerHost.Gen g : gens) {
                g.process().destroyForcibly().waitFor();
            }
            for (Path p : List.of(docker, service, docker.getParent())) {
                Files.deleteIfExists(p); // rmdir of an empty cgroup
            }
        }
    }

    /** A cgroup shaped like a runtime's, and what sstop must read from it. */
    private record Shape(Path dir, ContainerInfo expected) {
    }

    @Test
    void processesInCgroupsShapedLikeEachRuntimeAreTheirContainers() throws Exception {
        String id = Cgroups.randomHex(32);
        String tag = "sstop-it-" + ThreadLocalRandom.current().nextInt(1 << 30);
        String pod = java.util.UUID.randomUUID().toString();
        String podSlice = "kubepods-besteffort-pod" + pod.replace('-', '_') + ".slice";
        String shortId = id.substring(0, 12);
        List<Shape> shapes = List.of(
                new Shape(root.resolve(tag + ".slice/libpod-" + id + ".scope"),
                        new ContainerInfo("podman", id, shortId, null, "libpod-" + id + ".scope")),
                new Shape(root.resolve(tag + ".slice/crio-" + id + ".scope"),
                        new ContainerInfo("cri-o", id, shortId, null, "crio-" + id + ".scope")),
                new Shape(root.resolve("kubepods.slice/kubepods-besteffort.slice/" + podSlice + "/cri-containerd-" + id + ".scope"),
                        new ContainerInfo("containerd", id, shortId, pod, "cri-containerd-" + id + ".scope")),
                new Shape(root.resolve("lxc.payload." + tag), new ContainerInfo("lxc", tag, tag, null, null)),
                new Shape(root.resolve("machine.slice/machine-" + tag.replace("-", "\\x2d") + ".scope"),
                        new ContainerInfo("machine", tag, tag, null, "machine-" + tag.replace("-", "\\x2d") + ".scope")));
        List<PeerHost.Gen> gens = new ArrayList<>();
        try (Watch w = Watch.start(Tier.NETLINK)) {
            for (Shape shape : shapes) {
                Files.createDirectories(shape.dir());
                gens.add(net.runInCgroup(shape.dir(), "upload", net.peerAddress,
                        Integer.toString(port), Integer.toString(RATE / 4), SECONDS));
            }
            long[] sent = new long[shapes.size()];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = gens.get(i).awaitDone(60);
            }
            Snapshot last = w.settle();
            for (int i = 0; i < shapes.size(); i++) {
                ContainerInfo expected = shapes.get(i).expected();
                assertEquals(expected, process(last, gens.get(i).pid()).container(), shapes.get(i).dir().toString());
                Watch.report(Watch.within(sent[i], group(last, expected.runtime(), expected.id()).traffic().upBytes(), 0.01,
                        expected.runtime() + " group"));
            }
        } finally {
            for (PeerHost.Gen g : gens) {
                g.process().destroyForcibly().waitFor();
            }
            for (Shape shape : shapes) {
                for (Path p = shape.dir(); p != null && !p.equals(root); p = p.getParent()) {
                    try {
                        Files.deleteIfExists(p); // rmdir of an empty cgroup; a shared parent may still be busy
                    } catch (IOException e) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Ten processes in a container that each send 2 MB and exit at once, most before any sample
     * could read their /proc entry: on the eBPF tier each is shown, exited, in its container (from
     * the cgroup the kernel counted it in), and the container's group holds their bytes.
     */
    @Test
    void shortLivedProcessesInAContainerAreShownInIt() throws Exception {
        String id = Cgroups.randomHex(32);
        Path slice = root.resolve("sstop-it-" + ThreadLocalRandom.current().nextInt(1 << 30) + ".slice");
        Path docker = slice.resolve("docker-" + id + ".scope");
        ContainerInfo expected = new ContainerInfo("docker", id, id.substring(0, 12), null, "docker-" + id + ".scope");
        List<PeerHost.Gen> gens = new ArrayList<>();
        try (Watch w = Watch.start(Tier.EBPF_TRACEPOINT)) {
            Files.createDirectories(docker);
            long moved = 0;
            for (int i = 0; i < 10; i++) {
                gens.add(net.runInCgroup(docker, "burst", net.peerAddress, Integer.toString(port), "0", "2000000"));
            }
            for (PeerHost.Gen g : gens) {
                moved += g.awaitDone(30);
                g.process().waitFor();
            }
            Snapshot last = w.settle();
            for (PeerHost.Gen g : gens) {
                ProcessStats p = process(last, g.pid());
                assertEquals(expected, p.container(), "pid " + g.pid());
            }
            Watch.report(Watch.within(moved, group(last, "docker", id).traffic().upBytes(), 0.01,
                    "short-lived processes' container group"));
        } finally {
            for (PeerHost.Gen g : gens) {
                g.process().destroyForcibly().waitFor();
            }
            Cgroups.remove(docker);
            Cgroups.remove(slice);
        }
    }

    private static ProcessStats process(Snapshot s, long pid) {
        ProcessStats p = s.processes().stream().filter(x -> x.pid() == pid).findFirst().orElse(null);
        assertNotNull(p, "pid " + pid + " in the snapshot");
        return p;
    }

    private static ContainerStats group(Snapshot s, String runtime, String id) {
        return s.containers().stream()
                .filter(g -> g.container().runtime().equals(runtime) && java.util.Objects.equals(g.container().id(), id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + runtime + " group in " + s.containers()));
    }
}
