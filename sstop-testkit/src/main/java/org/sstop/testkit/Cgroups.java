package org.sstop.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The cgroup v2 hierarchy for tests that place processes in cgroups of their own (root only). */
public final class Cgroups {

    private Cgroups() {
    }

    /**
     * Where cgroup v2 is mounted, alone ({@code /sys/fs/cgroup}) or beside v1 ({@code
     * /sys/fs/cgroup/unified}), or null when it is not.
     *
     * @return the mount point, or null
     * @throws IOException when {@code /proc/self/mounts} cannot be read
     */
    public static Path v2Mount() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("cgroup2")) {
                return Path.of(f[1]);
            }
        }
        return null;
    }

    /**
     * A command line that runs {@code command} in a cgroup: a shell writes its own pid into the
     * cgroup's {@code cgroup.procs}, then becomes the command (same pid).
     *
     * @param cgroup the cgroup's directory
     * @param command the command and its arguments
     * @return the command line to start
     */
    public static List<String> runIn(Path cgroup, List<String> command) {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                cgroup.resolve("cgroup.procs").toString()));
        line.addAll(command);
        return line;
    }

    /**
     * Removes a cgroup (its directory) if it is there, waiting up to 10 s for the kernel to let go
     * of the processes just killed in it (until then, rmdir says it is busy).
     *
     * @param cgroup the cgroup's directory
     * @throws IOException when it is still busy after that, or cannot be removed
     * @throws InterruptedException when interrupted while waiting
     */
    public static void remove(Path cgroup) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Random hex digits, for names of cgroups (and container ids) that tests running at the same
     * time do not share.
     *
     * @param bytes how many random bytes (twice as many digits)
     * @return the digits
     */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /**
     * The cgroup's id, as the kernel gives it to BPF programs: the inode of its directory.
     *
     * @param cgroup the cgroup's directory
     * @return its id
     * @throws IOException when it cannot be read
     */
    public static long id(Path cgroup) throws IOException {
        return ((Number) Files.getAttribute(cgroup, "unix:ino")).longValue();
    }
}
