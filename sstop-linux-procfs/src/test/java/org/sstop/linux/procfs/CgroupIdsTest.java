package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the cgroup2 mount and turning a link into a cgroup path, on text fixtures (no root needed). */
class CgroupIdsTest {

    private static final String HYBRID = """
            sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
            tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
            cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
            cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
            """;

    @Test
    void aPureV2MachineHasItsMountAtSysFsCgroup() {
        assertEquals("/sys/fs/cgroup", CgroupIds.cgroup2Mount("""
                proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
                cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0
                """));
    }

    @Test
    void aHybridMachineHasItsV2MountAtUnifiedNotAV1One() {
        assertEquals("/sys/fs/cgroup/unified", CgroupIds.cgroup2Mount(HYBRID));
    }

    @Test
    void theFirstOfTwoV2MountsIsTaken() {
        assertEquals("/a", CgroupIds.cgroup2Mount("cgroup2 /a cgroup2 rw 0 0\ncgroup2 /b cgroup2 rw 0 0\n"));
    }

    @Test
    void aV1OnlyMachineOrNoneHasNoMount() {
        assertNull(CgroupIds.cgroup2Mount("cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n"));
        assertNull(CgroupIds.cgroup2Mount(""));
        // The device name or an option "cgroup2" is not the file system type.
        assertNull(CgroupIds.cgroup2Mount("cgroup2 /x tmpfs rw,cgroup2 0 0\n"));
    }

    @Test
    void malformedAndTruncatedLinesAreSkipped() {
        assertEquals("/sys/fs/cgroup", CgroupIds.cgroup2Mount("""
                cgroup2
                cgroup2 /only-two-fields
                cgroup2 relative cgroup2 rw 0 0
                \0 \0 \0
                cgroup2 /sys/fs/cgroup cgroup2 rw 0 0
                """));
        assertNull(CgroupIds.cgroup2Mount("cgroup2 /sys/fs/cgroup"), "a line cut before its type");
        assertNull(CgroupIds.cgroup2Mount("\n\n\n   \n"));
    }

    @Test
    void octalEscapesInTheMountPointAreUndone() {
        assertEquals("/mnt/my cgroups", CgroupIds.cgroup2Mount("none /mnt/my\\040cgroups cgroup2 rw 0 0\n"));
        assertEquals("/mnt/a\tb\\c", CgroupIds.cgroup2Mount("none /mnt/a\\011b\\134c cgroup2 rw 0 0\n"));
        assertEquals("/mnt/é", CgroupIds.cgroup2Mount("none /mnt/\\303\\251 cgroup2 rw 0 0\n"), "escaped UTF-8 bytes");
        assertEquals("/mnt/\\04x", CgroupIds.cgroup2Mount("none /mnt/\\04x cgroup2 rw 0 0\n"), "not an escape: kept");
        assertNull(CgroupIds.cgroup2Mount("none /mnt/\\000 cgroup2 rw 0 0\n"), "a NUL is no path");
    }

    @Test
    void aHugeMountsTableIsLookedAtOnlyUpToItsBound() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < CgroupIds.MAX_MOUNT_LINES; i++) {
            text.append("tmpfs /run/user/").append(i).append(" tmpfs rw 0 0\n");
        }
        String beyond = text + "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertNull(CgroupIds.cgroup2Mount(beyond)));
        // One line of megabytes is one line: skipped whole, the next one read.
        String longLine = "x ".repeat(2_000_000) + "\ncgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n";
        assertEquals("/sys/fs/cgroup", CgroupIds.cgroup2Mount(longLine));
    }

    @Test
    void aLinkBelowTheMountIsTheCgroupPathAsProcWritesIt() {
        String id = "a".repeat(64);
        assertEquals("/system.slice/docker-" + id + ".scope",
                CgroupIds.cgroupPath("/sys/fs/cgroup/unified/system.slice/docker-" + id + ".scope", "/sys/fs/cgroup/unified"));
        assertEquals("/user.slice", CgroupIds.cgroupPath("/sys/fs/cgroup/user.slice", "/sys/fs/cgroup/"));
        assertEquals("/x", CgroupIds.cgroupPath("/x", "/"), "a mount at /");
    }

    @Test
    void theMountItselfIsTheRootCgroup() {
        assertEquals("/", CgroupIds.cgroupPath("/sys/fs/cgroup", "/sys/fs/cgroup"));
        assertEquals("/", CgroupIds.cgroupPath("/", "/"));
    }

    @Test
    void aLinkOutsideTheMountIsNoCgroupPath() {
        assertNull(CgroupIds.cgroupPath("/sys/fs/cgroupX/a.slice", "/sys/fs/cgroup"), "a sibling sharing the prefix");
        assertNull(CgroupIds.cgroupPath("/sys/fs", "/sys/fs/cgroup"));
        assertNull(CgroupIds.cgroupPath("/tmp/x", "/sys/fs/cgroup"));
        assertNull(CgroupIds.cgroupPath("anon_inode:[eventfd]", "/sys/fs/cgroup"));
        assertNull(CgroupIds.cgroupPath("", "/sys/fs/cgroup"));
    }

    @Test
    void aRemovedDirectorysLinkIsAGoneCgroup() {
        assertNull(CgroupIds.cgroupPath("/sys/fs/cgroup/a.slice/b.service (deleted)", "/sys/fs/cgroup"));
    }

    @Test
    void aHostileLinkIsBoundedAndClassifiedWithoutThrowing() {
        String mount = "/sys/fs/cgroup";
        assertNull(CgroupIds.cgroupPath(mount + "/" + "a".repeat(CgroupIds.LINK_MAX), mount));
        String deep = mount + "/a".repeat(2000);
        String path = CgroupIds.cgroupPath(deep, mount);
        assertEquals(4000, path.length());
        assertNull(CgroupClassifier.classifyPath(path));
        String odd = CgroupIds.cgroupPath(mount + "/x\n0::/docker-" + "b".repeat(64) + ".scope\u001b[2J", mount);
        assertTrue(odd.startsWith("/x\n"));
        // One path, not a second line of a cgroup file: the forged "0::/docker-..." tells nothing.
        assertNull(CgroupClassifier.classifyPath(odd));
    }

    @Test
    void withoutACgroup2MountEveryIdIsEmptyAndNothingIsOpened(@TempDir Path dir) throws IOException {
        Path mounts = Files.writeString(dir.resolve("mounts"), "proc /proc proc rw 0 0\n");
        CgroupIds ids = new CgroupIds(mounts, new ContainerNames(dir, System::nanoTime));
        assertEquals(Optional.empty(), ids.containerOf(12345));
        assertTrue(ids.unavailable());
        assertEquals(Optional.empty(), ids.containerOf(67890));
        assertEquals(0, ids.handlesOpened());
    }

    @Test
    void idZeroIsEmptyWithoutReadingTheMounts(@TempDir Path dir) {
        CgroupIds ids = new CgroupIds(dir.resolve("no-such-mounts"), new ContainerNames(dir, System::nanoTime));
        assertEquals(Optional.empty(), ids.containerOf(0));
        assertTrue(!ids.unavailable(), "0 is no id: the mounts were not even read");
        assertEquals(Optional.empty(), ids.containerOf(1));
        assertTrue(ids.unavailable(), "an unreadable mounts file: gives up");
    }
}
