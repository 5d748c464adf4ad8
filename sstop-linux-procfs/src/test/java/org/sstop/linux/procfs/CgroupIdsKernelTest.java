package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.testkit.Cgroups;
import org.sstop.testkit.CiAssume;

/**
 * The real mapper's {@code containerOfCgroup} on cgroups the test makes in the v2 hierarchy: for
 * a cgroup's id (its directory's inode) it gives what {@code describe} gives of a process moved
 * into that cgroup. Each cgroup is made under a slice of a random name, so that tests running at
 * the same time do not meet, and removed afterwards.
 */
class CgroupIdsKernelTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ProcProcessMapper mapper;
    private Path v2;
    private final List<Process> children = new ArrayList<>();
    private final List<Path> cgroups = new ArrayList<>();

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
        try {
            for (Process child : children) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // Deepest first: a cgroup is removed once its processes and children are gone.
            for (int i = cgroups.size() - 1; i >= 0; i--) {
                Cgroups.remove(cgroups.get(i));
            }
        } finally {
            if (mapper != null) {
                mapper.close();
            }
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Creates the cgroup {@code relative} (and its parents) under the v2 mount. */
    private Path cgroup(String relative) {
        Path dir = v2;
        for (String segment : relative.split("/")) {
            dir = dir.resolve(segment);
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    CiAssume.that(false, "cannot create the cgroup " + dir + ": " + e);
                }
                cgroups.add(dir);
            }
        }
        return dir;
    }

    /** Starts {@code sleep 30} in a cgroup; returns its pid. */
    private int sleeperIn(Path cgroup) throws IOException {
        Process child = new ProcessBuilder("sleep", "30").start();
        children.add(child);
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(child.pid()));
        return (int) child.pid();
    }

    /** What the describer says of a process in the cgroup: the contract. */
    private Optional<ContainerInfo> described(Path cgroup) throws IOException {
        return Optional.ofNullable(mapper.describe(sleeperIn(cgroup)).orElseThrow().container());
    }

    @Test
    void aDockerScopeIsThatContainerAsTheDescriberSaysOfItsProcess() throws IOException {
        String id = randomHex(32);
        String scope = "docker-" + id + ".scope";
        Path dir = cgroup("sstop-cgid-" + randomHex(4) + ".slice/" + scope);
        Optional<ContainerInfo> found = mapper.containerOfCgroup(Cgroups.id(dir));
        assertEquals(Optional.of(new ContainerInfo("docker", id, id.substring(0, 12), null, scope)), found);
        assertEquals(described(dir), found);
        long opened = mapper.cgroupIds().handlesOpened();
        assertEquals(found, mapper.containerOfCgroup(Cgroups.id(dir)));
        assertEquals(opened, mapper.cgroupIds().handlesOpened(), "the second answer is the cached one");
    }

    @Test
    void aServiceIsItsUnitAndItsSliceWhatTheClassifierSays() throws IOException {
        String slice = "sstop-cgid-" + randomHex(4) + ".slice";
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
        Path dir = cgroup("sstop-cgid-" + randomHex(4) + ".slice/docker-" + randomHex(32) + ".scope");
        assertTrue(mapper.containerOfCgroup(Cgroups.id(dir)).isPresent(), "the lookup works here");
        assertEquals(Optional.empty(), mapper.containerOfCgroup(Cgroups.id(dir.resolve("cgroup.procs"))), "a file of the hierarchy");
        assertEquals(Optional.empty(), mapper.containerOfCgroup(Long.MAX_VALUE));
        assertEquals(Optional.empty(), mapper.containerOfCgroup(0));
        assertFalse(mapper.cgroupIds().unavailable(), "a wrong id does not stop the lookups");
    }

    @Test
    void aRemovedCgroupsIdIsEmpty() throws Exception {
        Path slice = cgroup("sstop-cgid-" + randomHex(4) + ".slice");
        Path dir = cgroup(slice.getFileName() + "/docker-" + randomHex(32) + ".scope");
        long id = Cgroups.id(dir);
        int pid = sleeperIn(dir);
        assertTrue(mapper.containerOfCgroup(id).isPresent());
        assertNotNull(mapper.describe(pid).orElseThrow().container());
        Process child = children.remove(children.size() - 1);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Cgroups.remove(dir);
        cgroups.remove(dir);
        try (ProcProcessMapper fresh = new ProcProcessMapper()) {
            assertEquals(Optional.empty(), fresh.containerOfCgroup(id));
            assertFalse(fresh.cgroupIds().unavailable());
            assertEquals(0, fresh.cgroupIds().handlesOpened(), "no handle of a gone cgroup opens");
        }
    }

    @Test
    void aClosedMapperAnswersEmpty() throws IOException {
        Path dir = cgroup("sstop-cgid-" + randomHex(4) + ".slice/docker-" + randomHex(32) + ".scope");
        mapper.close();
        assertEquals(Optional.empty(), mapper.containerOfCgroup(Cgroups.id(dir)));
    }
}
