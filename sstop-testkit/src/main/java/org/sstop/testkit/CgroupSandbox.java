package org.sstop.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cgroups and processes a test makes (root only), all undone by {@link #close()}: the
 * processes killed first, then the cgroups removed, deepest first. One per test.
 */
public final class CgroupSandbox implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> cgroups = new ArrayList<>();

    /**
     * Makes the cgroup {@code relative} under a hierarchy's mount, and those of its parents that
     * are missing; where the kernel refuses, the test is skipped (and fails on CI).
     *
     * @param hierarchy where a cgroup hierarchy is mounted
     * @param relative the cgroup's path below it, e.g. {@code test.slice/docker-ID.scope}
     * @return the cgroup's directory
     */
    public Path cgroup(Path hierarchy, String relative) {
        Path dir = hierarchy;
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

    /**
     * Starts a process the sandbox kills on close.
     *
     * @param command the command line
     * @return the process
     * @throws IOException when it cannot be started
     */
    public Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        processes.add(p);
        return p;
    }

    /**
     * Starts {@code sleep 30} and moves it into a cgroup.
     *
     * @param cgroup the cgroup's directory
     * @return its pid
     * @throws IOException when it cannot be started or moved
     */
    public int sleeperIn(Path cgroup) throws IOException {
        Process p = start("sleep", "30");
        Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(p.pid()));
        return (int) p.pid();
    }

    /**
     * Kills every process started here and removes a cgroup now (the others stay until close).
     *
     * @param cgroup the cgroup's directory
     * @throws IOException when it cannot be removed
     * @throws InterruptedException when interrupted while waiting for it
     */
    public void remove(Path cgroup) throws IOException, InterruptedException {
        killAll();
        Cgroups.remove(cgroup);
        cgroups.remove(cgroup);
    }

    /** Kills the processes and removes the cgroups, deepest first. */
    @Override
    public void close() throws IOException, InterruptedException {
        killAll();
        for (int i = cgroups.size() - 1; i >= 0; i--) {
            Cgroups.remove(cgroups.get(i));
        }
        cgroups.clear();
    }

    private void killAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        processes.clear();
    }
}
