package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sstop.api.ContainerInfo;
import org.sstop.core.ContainerStats;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
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
        root = cgroup2();
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

    /** Where cgroup v2 is mounted (alone or beside v1), or null. */
    private static Path cgroup2() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("cgroup2")) {
                return Path.of(f[1]);
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Tier.class, names = {"NETLINK", "EBPF_TRACEPOINT"})
    void processesInContainersAndServicesAreGroupedWithTheirBytes(Tier tier) throws Exception {
        String id = HexFormat.of().formatHex(randomBytes(32));
        String slice = "sstop-it-" + ThreadLocalRandom.current().nextInt(1 << 30) + ".slice";
        Path docker = root.resolve(slice).resolve("docker-" + id + ".scope");
        Path service = root.resolve(slice).resolve("sstop-it-web.service");
        List<PeerHost.Gen> gens = new ArrayList<>();
        try (Watch w = Watch.start(tier)) {
            Files.createDirectories(docker);
            Files.createDirectories(service);
            gens.add(net.runInCgroup(docker.resolve("cgroup.procs"), "upload", net.peerAddress, Integer.toString(port),
                    Integer.toString(RATE), SECONDS));
            gens.add(net.runInCgroup(service.resolve("cgroup.procs"), "upload", net.peerAddress, Integer.toString(port),
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

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
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
