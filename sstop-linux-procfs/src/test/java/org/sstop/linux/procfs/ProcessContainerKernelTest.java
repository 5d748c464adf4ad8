package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.api.ProcessInfo;
import org.sstop.testkit.CgroupSandbox;
import org.sstop.testkit.Cgroups;
import org.sstop.testkit.CiAssume;

/**
 * The real describer on processes the test puts in cgroups shaped like container runtimes' (in
 * the v2 hierarchy and in v1 ones), and in a network namespace of their own. Each cgroup is made
 * under a directory of a random name, so that tests running at the same time do not meet, and
 * removed afterwards.
 */
class ProcessContainerKernelTest {

    private ProcProcessMapper mapper;
    private final CgroupSandbox sandbox = new CgroupSandbox();

    @BeforeEach
    void setUp() {
        CiAssume.root();
        CiAssume.onPath("sleep");
        mapper = new ProcProcessMapper();
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
        if (mapper != null) {
            mapper.close();
        }
    }

    /** Where a cgroup hierarchy is mounted, from /proc/self/mountinfo, or null: v2 (fstype cgroup2) or a v1 one by option. */
    private static Path hierarchy(String fstype, String option) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            String[] mount = halves[0].split(" ");
            String[] fs = halves.length == 2 ? halves[1].split(" ") : new String[0];
            if (fs.length >= 3 && fs[0].equals(fstype) && (option == null || List.of(fs[2].split(",")).contains(option))) {
                return Path.of(mount[4]);
            }
        }
        return null;
    }

    /** Starts {@code sleep 30} in the cgroup {@code relative} of the hierarchy, creating it; returns its pid. */
    private long sleeperIn(Path hierarchy, String relative) throws IOException {
        return sandbox.sleeperIn(sandbox.cgroup(hierarchy, relative));
    }

    private static long netnsOf(long pid) throws IOException {
        return ProcText.netnsInode(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString());
    }

    @Test
    void aProcessInADockerScopeOfTheV2HierarchyIsThatContainer() throws IOException {
        Path v2 = hierarchy("cgroup2", null);
        CiAssume.that(v2 != null, "needs the cgroup v2 hierarchy mounted");
        String id = Cgroups.randomHex(32);
        String scope = "docker-" + id + ".scope";
        long pid = sleeperIn(v2, "sstop-test-" + Cgroups.randomHex(4) + ".slice/" + scope);
        ProcessInfo info = mapper.describe((int) pid).orElseThrow();
        assertEquals(new ContainerInfo("docker", id, id.substring(0, 12), null, scope), info.container(), info.cgroup());
        assertTrue(info.netns() > 0);
        assertEquals(netnsOf(pid), info.netns());
        assertEquals(netnsOf(ProcessHandle.current().pid()), info.netns(), "the child shares this JVM's namespace");
    }

    @Test
    void aProcessInAPodmanScopeOfSystemdsV1HierarchyIsThatContainer() throws IOException {
        Path systemd = hierarchy("cgroup", "name=systemd");
        CiAssume.that(systemd != null, "needs systemd's v1 hierarchy (name=systemd) mounted");
        String id = Cgroups.randomHex(32);
        String scope = "libpod-" + id + ".scope";
        long pid = sleeperIn(systemd, "sstop-test-" + Cgroups.randomHex(4) + ".slice/" + scope);
        assertEquals(new ContainerInfo("podman", id, id.substring(0, 12), null, scope),
                mapper.describe((int) pid).orElseThrow().container());
    }

    @Test
    void aProcessInAKubernetesPodOfAV1ControllerIsThatPodsContainer() throws IOException {
        Path pids = hierarchy("cgroup", "pids");
        CiAssume.that(pids != null, "needs the v1 pids controller mounted");
        String id = Cgroups.randomHex(32);
        String pod = Cgroups.randomHex(4) + "-" + Cgroups.randomHex(2) + "-" + Cgroups.randomHex(2) + "-" + Cgroups.randomHex(2) + "-" + Cgroups.randomHex(6);
        long pid = sleeperIn(pids, "sstop-test-" + Cgroups.randomHex(4) + "/kubepods/besteffort/pod" + pod + "/" + id);
        assertEquals(new ContainerInfo("containerd", id, id.substring(0, 12), pod, null),
                mapper.describe((int) pid).orElseThrow().container());
    }

    @Test
    void aProcessInItsOwnNetworkNamespaceHasAnotherInode() throws Exception {
        CiAssume.onPath("unshare");
        Process child = sandbox.start("unshare", "--net", "sleep", "30");
        // unshare execs sleep once the namespace is made: wait (bounded) for that exec.
        Path comm = Path.of("/proc/" + child.pid() + "/comm");
        for (int i = 0; i < 300 && child.isAlive() && !Files.readString(comm).strip().equals("sleep"); i++) {
            Thread.sleep(100);
        }
        assertTrue(child.isAlive(), "unshare --net sleep 30 is running");
        assertEquals("sleep", Files.readString(comm).strip());
        ProcessInfo info = mapper.describe((int) child.pid()).orElseThrow();
        assertEquals(netnsOf(child.pid()), info.netns());
        assertNotEquals(netnsOf(ProcessHandle.current().pid()), info.netns());
        assertTrue(info.netns() > 0);
    }
}
