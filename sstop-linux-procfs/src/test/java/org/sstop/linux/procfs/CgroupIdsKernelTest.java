package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.testkit.CgroupSandbox;
import org.sstop.testkit.Cgroups;
import org.sstop.testkit.CiAssume;

/**
 * The real mapper's {@code containerOfCgroup} on cgroups the test makes in the v2 hierarchy: for
 * a cgroup's id (its directory's inode) it gives what {@code describe} gives of a process moved
 * into that cgroup. Each cgroup is made under a slice of a random name, so that tests running at
 * the same time do not meet, and removed afterwards.
 */
class CgroupIdsKernelTest {

    private ProcProcessMapper mapper;
    private Path v2;
    private final CgroupSandbox sandbox = new CgroupSandbox();

    @BeforeEach
    void setUp() throws IOException {
        CiAssume.root();
        CiAssume.onPath("sleep");
        String mount = CgroupIds.cgroup2Mount(Files.readString(Path.of("/proc/self/mounts")));
        v2 = mount == null ? null : Path.of(mount);
        CiAssume.that(v2 != null, "needs the cgroup v2 hierarchy mounted");
        mapper = new ProcProcessMapper();
    }

    @AfterEach
    void tearDown() throws Exception {
        sandbox.close();
        if (mapper != null) {
            mapper.close();
        }
    }

    /** Creates the cgroup {@code relative} (and its parents) under the v2 mount. */
    private Path cgroup(String relative) {
        return sandbox.cgroup(v2, relative);
    }

    /** What the describer says of a process in the cgroup: the contract. */
    private Optional<ContainerInfo> described(Path cgroup) throws IOException {
        return Optional.ofNullable(mapper.describe(sandbox.sleeperIn(cgroup)).orElseThrow().container());
    }

    @Test
    void aDockerScopeIsThatContainerAsTheDescriberSaysOfItsProcess() throws IOException {
        String id = Cgroups.randomHex(32);
        String scope = "docker-" + id + ".scope";
        Path dir = cgroup("sstop-cgid-" + Cgroups.randomHex(4) + ".slice/" + scope);
        Optional<ContainerInfo> found = mapper.containerOfCgroup(Cgroups.id(dir));
        assertEquals(Optional.of(new ContainerInfo("docker", id, id.substring(0, 12), null, scope)), found);
        assertEquals(described(dir), found);
        long opened = mapper.cgroupIds().handlesOpened();
        assertEquals(found, mapper.containerOfCgroup(Cgroups.id(dir)));
        assertEquals(opened, mapper.cgroupIds().handlesOpened(), "the second answer is the cached one");
    }

    @Test
    void aServiceIsItsUnitAndItsSliceWhatTheClassifierSays() throws IOException {
        String slice = "sstop-cgid-" + Cgroups.randomHex(4) + ".slice";
        Path dir = cgroup(slice + "/sstop-cgid-web.service");
        Optional<ContainerInfo> found = mapper.containerOfCgroup(Cgroups.id(dir));
        assertTrue(found.isPresent());
        assertEquals("systemd", found.get().runtime());
        assertEquals("sstop-cgid-web.service", found.get().unit());
        assertEquals(described(dir), found);
        assertEquals(Optional.ofNullable(CgroupClassifier.classifyPath("/" + slice)), mapper.containerOfCgroup(Cgroups.id(v2.resolve(slice))));
        assertEquals(Optional.ofNullable(CgroupClassifier.classifyPath("/")), mapper.containerOfCgroup(Cgroups.id(v2)), "the root cgroup");
    }

    @Test
    void anIdThatIsNoCgroupIsEmpty() throws IOException {
        Path dir = cgroup("sstop-cgid-" + Cgroups.randomHex(4) + ".slice/docker-" + Cgroups.randomHex(32) + ".scope");
        assertTrue(mapper.containerOfCgroup(Cgroups.id(dir)).isPresent(), "the lookup works here");
        assertEquals(Optional.empty(), mapper.containerOfCgroup(Cgroups.id(dir.resolve("cgroup.procs"))), "a file of the hierarchy");
        assertEquals(Optional.empty(), mapper.containerOfCgroup(Long.MAX_VALUE));
        assertEquals(Optional.empty(), mapper.containerOfCgroup(0));
        assertFalse(mapper.cgroupIds().unavailable(), "a wrong id does not stop the lookups");
    }

    @Test
    void aRemovedCgroupsIdIsEmpty() throws Exception {
        Path slice = cgroup("sstop-cgid-" + Cgroups.randomHex(4) + ".slice");
        Path dir = cgroup(slice.getFileName() + "/docker-" + Cgroups.randomHex(32) + ".scope");
        long id = Cgroups.id(dir);
        int pid = sandbox.sleeperIn(dir);
        assertTrue(mapper.containerOfCgroup(id).isPresent());
        assertNotNull(mapper.describe(pid).orElseThrow().container());
        sandbox.remove(dir);
        try (ProcProcessMapper fresh = new ProcProcessMapper()) {
            assertEquals(Optional.empty(), fresh.containerOfCgroup(id));
            assertFalse(fresh.cgroupIds().unavailable());
            assertEquals(0, fresh.cgroupIds().handlesOpened(), "no handle of a gone cgroup opens");
        }
    }

    @Test
    void aClosedMapperAnswersEmpty() throws IOException {
        Path dir = cgroup("sstop-cgid-" + Cgroups.randomHex(4) + ".slice/docker-" + Cgroups.randomHex(32) + ".scope");
        mapper.close();
        assertEquals(Optional.empty(), mapper.containerOfCgroup(Cgroups.id(dir)));
    }
}
