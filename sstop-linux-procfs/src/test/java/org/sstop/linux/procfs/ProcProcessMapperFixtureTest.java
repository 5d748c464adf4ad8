package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.linux.procfs.Sockets.sockets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.ContainerInfo;
import org.sstop.api.ProcessInfo;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/** The mapper's cache policy and process descriptions, over a fixture tree shaped like /proc. */
class ProcProcessMapperFixtureTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1000 * SECOND);
    private ProcProcessMapper mapper;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("self"));
        Files.writeString(root.resolve("self/status"), "Name:\tjava\nUid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\n");
        Files.writeString(root.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\nprocesses 5\n");
        Files.writeString(root.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/a:/bin/sh\n");
        Files.createDirectories(root.resolve("sys")); // a non-pid entry must be ignored
        process(100, "socket:[1000]", "/dev/null", "socket:[1001]", "pipe:[5]");
        process(200, "socket:[2000]");
        process(300);
        mapper = new ProcProcessMapper(root, root.resolve("passwd"), root.resolve("rootfs"), clock::get,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Creates /proc/pid/fd with links 3, 4, ... to the given targets. */
    private void process(int pid, String... targets) throws IOException {
        Path fd = Files.createDirectories(root.resolve(pid + "/fd"));
        for (int i = 0; i < targets.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(3 + i)), Path.of(targets[i]));
        }
    }

    private void addFd(int pid, int fd, String target) throws IOException {
        Files.createSymbolicLink(root.resolve(pid + "/fd/" + fd), Path.of(target));
    }

    @Test
    void firstCallScansEveryProcessAndMapsAllAskedInodes() throws IOException {
        assertEquals(Map.of(1000L, 100, 1001L, 100, 2000L, 200), Sockets.found(mapper, sockets(1000, 1001, 2000)));
        assertEquals(3, mapper.fdDirsRead());
        assertEquals(3, mapper.cachedInodes());
    }

    @Test
    void knownInodesReadNoFdDirectoryUntilTheirOwnerIsDueForACheck() throws IOException {
        Sockets.found(mapper, sockets(1000));
        long read = mapper.fdDirsRead();
        for (int tick = 0; tick < 4; tick++) {
            clock.addAndGet(SECOND);
            assertEquals(Map.of(1000L, 100, 2000L, 200), Sockets.found(mapper, sockets(1000, 2000, 0)));
        }
        assertEquals(read, mapper.fdDirsRead(), "within 5 s of their reading");
        assertEquals(Map.of(), Sockets.found(mapper, List.of()));
        assertEquals(read, mapper.fdDirsRead());
        clock.addAndGet(SECOND);
        assertEquals(Map.of(1000L, 100, 2000L, 200), Sockets.found(mapper, sockets(1000, 2000)));
        assertEquals(read + 2, mapper.fdDirsRead(), "each owner's directory once, 5 s after it was read");
    }

    @Test
    void aSocketAParentLetGoOfAfterAForkIsFoundWithTheChildAtTheOwnersNextCheck() throws IOException {
        assertEquals(Map.of(2000L, 200), Sockets.found(mapper, sockets(2000)));
        process(201, "socket:[2000]"); // the fork: both hold it, the parent first found
        assertEquals(Map.of(2000L, 200), Sockets.found(mapper, sockets(2000)));
        Files.delete(root.resolve("200/fd/3")); // the parent closes its copy and lives on
        clock.addAndGet(3 * SECOND);
        assertEquals(Map.of(2000L, 200), Sockets.found(mapper, sockets(2000)), "trusted for 5 s");
        clock.addAndGet(2 * SECOND);
        assertEquals(Map.of(2000L, 201), Sockets.found(mapper, sockets(2000)), "checked: the child holds it");
    }

    @Test
    void newProcessesAreScannedFirstWithoutARescan() throws IOException {
        Sockets.found(mapper, sockets(1000));
        long read = mapper.fdDirsRead();
        long rescans = mapper.rescans();
        process(400, "socket:[4000]");
        assertEquals(Map.of(4000L, 400), Sockets.found(mapper, sockets(4000)));
        assertEquals(read + 1, mapper.fdDirsRead(), "only the new pid's fd directory");
        assertEquals(rescans, mapper.rescans());
    }

    @Test
    void aNewSocketOfAProcessThatOwnsSocketsIsFoundAtOnce() throws IOException {
        Sockets.found(mapper, sockets(1000));
        long read = mapper.fdDirsRead();
        addFd(100, 9, "socket:[1002]");
        // pid 100 owns sockets: it is rescanned at every call, ahead of the rate-limited rescan,
        // and the scan stops once 1002 is found
        assertEquals(Map.of(1002L, 100), Sockets.found(mapper, sockets(1002)));
        assertEquals(read + 1, mapper.fdDirsRead());
        assertEquals(1, mapper.rescans(), "no rate-limited rescan was needed");
    }

    @Test
    void aFirstSocketOfAnOldProcessWaitsForTheRateLimitedRescan() throws IOException {
        Sockets.found(mapper, sockets(1000));
        long read = mapper.fdDirsRead();
        addFd(300, 3, "socket:[3000]");
        // pid 300 owned no socket: only the socket owners (100 and 200) are read now
        assertEquals(Map.of(), Sockets.found(mapper, sockets(3000)), "rescanned less than a second ago");
        assertEquals(read + 2, mapper.fdDirsRead());
        clock.addAndGet(SECOND);
        read = mapper.fdDirsRead();
        assertEquals(Map.of(3000L, 300), Sockets.found(mapper, sockets(3000)));
        // the owners 100 and 200 once, then the rescan of the others: 300; no directory twice
        assertEquals(read + 3, mapper.fdDirsRead());
    }

    @Test
    void theSocketUsersProcessesAreRescannedFirst() throws IOException {
        CiAssume.that(Host.isRoot(), "chown of fixture directories needs root");
        Files.setAttribute(root.resolve("300"), "unix:uid", 4242);
        Sockets.found(mapper, sockets(1000));
        long read = mapper.fdDirsRead();
        addFd(300, 3, "socket:[3001]");
        clock.addAndGet(SECOND);
        assertEquals(Map.of(3001L, 300), Sockets.found(mapper, List.of(Sockets.socket(3001, 4242))));
        // the socket owners 100 and 200 are read first (every call); then the rescan starts with
        // pid 300, which owns no socket yet but runs as the socket's user, and stops there
        assertEquals(read + 3, mapper.fdDirsRead());
        assertEquals(2, mapper.rescans());
    }

    @Test
    void anInodeNotFoundIsNotLookedForAgainUntilItsEntryExpires() throws IOException {
        assertEquals(Map.of(), Sockets.found(mapper, sockets(9999)));
        long read = mapper.fdDirsRead();
        long rescans = mapper.rescans();
        for (int tick = 0; tick < 9; tick++) {
            clock.addAndGet(SECOND);
            assertEquals(Map.of(), Sockets.found(mapper, sockets(9999)));
        }
        assertEquals(read, mapper.fdDirsRead(), "negative cache: no rescan every tick");
        assertEquals(rescans, mapper.rescans());
        clock.addAndGet(2 * SECOND);
        addFd(300, 3, "socket:[9999]");
        assertEquals(Map.of(9999L, 300), Sockets.found(mapper, sockets(9999)));
        assertEquals(rescans + 1, mapper.rescans());
    }

    @Test
    void anUnknownInodeDoesNotHideANewOne() throws IOException {
        Sockets.found(mapper, sockets(9999));
        process(500, "socket:[5000]");
        assertEquals(Map.of(5000L, 500), Sockets.found(mapper, sockets(9999, 5000)));
    }

    @Test
    void exitedProcessesAreForgotten() throws IOException {
        Sockets.found(mapper, sockets(2000));
        assertEquals(3, mapper.cachedInodes());
        deleteTree(root.resolve("200"));
        process(600, "socket:[6000]");
        assertEquals(Map.of(6000L, 600), Sockets.found(mapper, sockets(6000)));
        assertEquals(3, mapper.cachedInodes(), "2000 dropped, 6000 added");
        clock.addAndGet(SECOND);
        assertEquals(Map.of(), Sockets.found(mapper, sockets(2000)));
    }

    @Test
    void aSocketWhoseCachedOwnerExitedIsFoundWithTheChildThatHoldsItNow() throws IOException {
        assertEquals(Map.of(2000L, 200), Sockets.found(mapper, sockets(2000)));
        process(201, "socket:[2000]"); // a daemon's fork: the child holds the socket, the parent exits
        deleteTree(root.resolve("200"));
        assertEquals(Map.of(2000L, 201), Sockets.found(mapper, sockets(2000)), "not the dead parent, cached");
    }

    @Test
    void aSocketClosedByItsProcessIsDroppedOnRescan() throws IOException {
        Sockets.found(mapper, sockets(1000));
        Files.delete(root.resolve("100/fd/3")); // socket:[1000] closed
        addFd(100, 10, "socket:[1003]");
        clock.addAndGet(SECOND);
        assertEquals(Map.of(1003L, 100), Sockets.found(mapper, sockets(1003)));
        // 1000 is no longer cached; it is not found again within the rescan interval
        assertEquals(Map.of(1001L, 100), Sockets.found(mapper, sockets(1000, 1001)));
        assertEquals(3, mapper.cachedInodes(), "1001, 1003 and 2000");
    }

    @Test
    void processesWithoutReadableFdDirectoriesAreSkipped() throws IOException {
        Files.createDirectories(root.resolve("700")); // vanished between listing and reading: no fd
        Files.writeString(root.resolve("701"), "not a directory");
        process(702, "socket:[7020]");
        assertEquals(Map.of(7020L, 702), Sockets.found(mapper, sockets(7020)));
    }

    @Test
    void aSharedSocketStaysWithTheFirstOwnerFound() throws IOException {
        process(800, "socket:[1000]");
        assertEquals(100, Sockets.found(mapper, sockets(1000)).get(1000L));
    }

    @Test
    void describesAProcess() throws IOException {
        Path dir = root.resolve("100");
        Files.writeString(dir.resolve("stat"), "100 (evil) (\u001b[31m) S 1 100 100 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0"
                + " 0 1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tevil\nUid:\t1000\t1000\t1000\t1000\n");
        Files.write(dir.resolve("cmdline"), "./evil\0--flag\0x y\0".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("cgroup"), "0::/user.slice/user-1000.slice\n");
        ProcessInfo info = mapper.describe(100).orElseThrow();
        assertEquals(new ProcessInfo(100, 1, "evil) (\u001b[31m", "./evil --flag x y", 1000, "alice", 0,
                Instant.ofEpochSecond(1700000000), "/user.slice/user-1000.slice"), info);
        assertTrue(mapper.isAlive(100, 0));
        assertFalse(mapper.isAlive(100, 1), "another start time is another process");
        Files.writeString(dir.resolve("stat"), Files.readString(dir.resolve("stat")).replace("(\u001b[31m) S ", "(\u001b[31m) Z "));
        assertFalse(mapper.isAlive(100, 0), "a zombie has exited");
    }

    @Test
    void describesTheContainerAndNetworkNamespaceOfAProcess() throws IOException {
        String id = CgroupClassifierTest.ID;
        Path dir = root.resolve("100");
        Files.writeString(dir.resolve("stat"), "100 (nginx) S 1 100 100 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 7 0 0\n");
        Files.writeString(dir.resolve("cgroup"), "9:name=systemd:/system.slice/docker-" + id + ".scope\n"
                + "4:memory:/system.slice/docker-" + id + ".scope\n0::/system.slice/docker-" + id + ".scope\n");
        Files.createDirectories(dir.resolve("ns"));
        Files.createSymbolicLink(dir.resolve("ns/net"), Path.of("net:[4026532301]"));
        Path config = root.resolve("rootfs/var/lib/docker/containers/" + id + "/config.v2.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, RuntimeJsonTest.dockerConfig("\"/web-1\""));
        ProcessInfo info = mapper.describe(100).orElseThrow();
        assertEquals("/system.slice/docker-" + id + ".scope", info.cgroup());
        assertEquals(new ContainerInfo("docker", id, "web-1", null, "docker-" + id + ".scope"), info.container());
        assertEquals(4026532301L, info.netns());
    }

    @Test
    void aServiceHasNoContainerIdAndAnUnreadableNamespaceIsZero() throws IOException {
        Path dir = root.resolve("200");
        Files.writeString(dir.resolve("stat"), "200 (sshd) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0\n");
        Files.writeString(dir.resolve("cgroup"), "0::/system.slice/ssh.service\n");
        Files.createDirectories(dir.resolve("ns"));
        Files.createSymbolicLink(dir.resolve("ns/net"), Path.of("mnt:[4026532301]"));
        ProcessInfo info = mapper.describe(200).orElseThrow();
        assertEquals(new ContainerInfo("systemd", null, "ssh.service", null, "ssh.service"), info.container());
        assertEquals(0, info.netns());
        Files.writeString(dir.resolve("cgroup"), "4:memory:/process_api/2b18a2123267e3cb32441e53fc933513\n0::/\n");
        Files.delete(dir.resolve("ns/net"));
        info = mapper.describe(200).orElseThrow();
        assertNull(info.container());
        assertEquals(0, info.netns());
    }

    @Test
    void describeDegradesWhenOptionalFilesAreMissing() throws IOException {
        Files.writeString(root.resolve("200/stat"), "200 (k) S 2 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0 0\n");
        ProcessInfo info = mapper.describe(200).orElseThrow();
        assertEquals("k", info.name());
        assertEquals("", info.cmdline());
        assertEquals(-1, info.uid());
        assertEquals("", info.user());
        assertEquals("", info.cgroup());
        assertNull(info.container());
        assertEquals(0, info.netns());
        assertEquals(2, info.ppid());
        assertEquals(500, info.startTime());
    }

    @Test
    void describeOfMissingOrMalformedProcessesIsEmpty() throws IOException {
        assertTrue(mapper.describe(999).isEmpty());
        assertTrue(mapper.describe(0).isEmpty());
        assertTrue(mapper.describe(-5).isEmpty());
        Files.writeString(root.resolve("300/stat"), "garbage");
        assertTrue(mapper.describe(300).isEmpty());
        Files.writeString(root.resolve("300/stat"), "301 (x) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0\n");
        assertTrue(mapper.describe(300).isEmpty(), "a stat of another pid is not this process");
        assertFalse(mapper.isAlive(999, 0));
        assertFalse(mapper.isAlive(300, 0));
    }

    @Test
    void unknownUsersAreNamedByUid() throws IOException {
        Files.writeString(root.resolve("300/stat"), "300 (x) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0\n");
        Files.writeString(root.resolve("300/status"), "Uid:\t4242\t4242\t4242\t4242\n");
        assertEquals("4242", mapper.describe(300).orElseThrow().user());
    }

    @Test
    void limitationsFollowCapabilities() throws IOException {
        assertEquals(List.of(), mapper.limitations());
        Files.writeString(root.resolve("self/status"), "Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");
        ProcProcessMapper user = new ProcProcessMapper(root, root.resolve("passwd"), clock::get,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertEquals(1, user.limitations().size());
        assertTrue(user.limitations().get(0).contains("cap_sys_ptrace,cap_dac_read_search"));
    }

    @Test
    void aMissingProcRootIsAnIOExceptionNotACrash() {
        ProcProcessMapper broken = new ProcProcessMapper(root.resolve("nope"), root.resolve("passwd"), clock::get,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThrows(IOException.class, () -> broken.owners(sockets(1)));
        assertTrue(broken.describe(1).isEmpty());
    }

    @Test
    void closeReleasesTheCacheAndIsIdempotent() throws IOException {
        Sockets.found(mapper, sockets(1000));
        mapper.close();
        mapper.close();
        assertEquals(0, mapper.cachedInodes());
        assertThrows(IllegalStateException.class, () -> Sockets.found(mapper, sockets(1000)));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void userNamesComeFromThePasswdFileAsDescribeGivesThem() {
        assertEquals(Optional.of("alice"), mapper.userName(1000));
        assertEquals(Optional.of("root"), mapper.userName(0));
        assertEquals(Optional.of("4242"), mapper.userName(4242), "not in the file: the uid in decimal");
        mapper.close();
        assertEquals(Optional.empty(), mapper.userName(1000), "closed");
    }
}
