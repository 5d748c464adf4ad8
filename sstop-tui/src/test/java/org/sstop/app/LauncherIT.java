package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/**
 * The {@code ./sstop} launcher as a user runs it, on a copy of the built jar and JNA's unpacked
 * native part laid out as in a checkout (so that the launcher never rebuilds, and its class-data
 * archives are this test's own).
 */
class LauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private Path target;

    @BeforeEach
    void layOutACheckout() throws IOException {
        String jar = System.getProperty("sstop.jar");
        CiAssume.that(jar != null && Files.isRegularFile(Path.of(jar)), "the shaded jar is built by mvn package");
        CiAssume.that(Host.isLinux(), "the launcher's JNA and class-data settings are tested on Linux");
        Path built = Path.of(jar).getParent();
        target = Files.createDirectories(root.resolve("sstop-tui/target"));
        Files.copy(built.getParent().getParent().resolve("sstop"), root.resolve("sstop"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of(jar), target.resolve("sstop.jar"));
        Path natives = built.resolve("jna");
        try (Stream<Path> files = Files.walk(natives)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = target.resolve("jna").resolve(natives.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    /** JDK 17: the first run lists its classes, the second has a static archive made, the third maps it. */
    @Test
    void eachModeGetsAClassDataArchiveThatLaterRunsMap() throws Exception {
        int feature = Runtime.version().feature();
        Path jsa = target.resolve("sstop-" + System.getProperty("java.version") + "-headless.jsa");
        String classes = "sstop-" + System.getProperty("java.version") + "-headless.classes";
        assertSample(run(Map.of(), "--once", "--json"));
        if (feature >= 19) {
            assertTrue(Files.isRegularFile(jsa), "JDK " + feature + " writes its dynamic archive on exit");
        } else {
            try (Stream<Path> lists = Files.list(target)) {
                List<Path> written = lists.filter(f -> f.getFileName().toString().matches(Pattern.quote(classes) + "\\.\\d+")).toList();
                assertEquals(1, written.size(), "the first run lists the classes it loads, under its pid");
                assertTrue(Files.size(written.get(0)) > 10_000);
            }
            assertFalse(Files.exists(jsa));
            assertSample(run(Map.of(), "--once", "--json"));
            // The dump renames its archive into place, then removes its mark: wait for both.
            Path mark = jsa.resolveSibling(jsa.getFileName() + ".dumping");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((!Files.exists(jsa) || Files.exists(mark)) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(Files.isRegularFile(jsa), "the second run has the archive made in the background");
            try (Stream<Path> left = Files.list(target)) {
                assertEquals(List.of(), left.filter(f -> f.getFileName().toString().contains(".jsa.")).toList(),
                        "no temporary archive is left");
            }
        }
        // -Xshare:on: the JVM refuses to start unless it maps the class-data archive it is given.
        assertSample(run(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "--once", "--json"));
        assertTrue(Files.exists(jsa));
    }

    /**
     * JDK 17: a background archive dump that fails leaves a mark, and later runs of the same jar
     * do not try again (each try is a JVM at nice 19); a newer jar clears the mark. The JDK is a
     * stand-in whose {@code java} refuses {@code -Xshare:dump} and records it, and runs the real
     * one otherwise.
     */
    @Test
    void aFailedArchiveDumpIsNotRetriedByEveryRun() throws Exception {
        CiAssume.that(Runtime.version().feature() < 19, "JDK 19+ makes its archive itself, with no dump of ours");
        Path jdk = Files.createDirectories(root.resolve("fake-jdk/bin"));
        Path calls = root.resolve("dump-calls");
        Files.writeString(jdk.resolve("java"), "#!/bin/sh\ncase \" $* \" in *\" -Xshare:dump \"*) echo dump >> '" + calls
                + "'; exit 1;; esac\nexec '" + javaBin() + "' \"$@\"\n");
        jdk.resolve("java").toFile().setExecutable(true);
        Files.copy(Path.of(System.getProperty("java.home"), "release"), jdk.getParent().resolve("release"));
        Map<String, String> env = Map.of("JAVA_HOME", jdk.getParent().toString());
        List<String> sample = List.of(root.resolve("sstop").toString(), "--once", "--json");
        Path failed = target.resolve("sstop-" + System.getProperty("java.version") + "-headless.jsa.failed");
        assertSample(command(env, sample)); // lists the classes
        assertSample(command(env, sample)); // has the dump made, which fails
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(failed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(failed), "the failure is marked");
        assertSample(command(env, sample));
        assertSample(command(env, sample));
        Thread.sleep(1000); // a dump started in the background would have been recorded by now
        assertEquals(List.of("dump"), Files.readAllLines(calls), "tried once, not once per run");
        Files.setLastModifiedTime(target.resolve("sstop.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertSample(command(env, sample));
        assertFalse(Files.exists(failed), "a newer jar may be dumped again");
    }

    /**
     * JDK 17: runs started together make one archive dump, not one each (sixteen at once loaded a
     * 2-core machine to 51), and none from a class list that a running sstop is still writing; a
     * run started meanwhile lists no classes of its own. The JDK is a stand-in that records each
     * dump (which takes two seconds and fails) and runs the real one otherwise.
     */
    @Test
    void oneArchiveDumpAtATimeAndOnlyFromAFinishedList() throws Exception {
        CiAssume.that(Runtime.version().feature() < 19, "JDK 19+ makes its archive itself, with no dump of ours");
        Path jdk = Files.createDirectories(root.resolve("fake-jdk/bin"));
        Path calls = root.resolve("java-calls");
        Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\ncase \" $* \" in *\" -Xshare:dump \"*) sleep 2; exit 1;; esac\n"
                + "exec '" + javaBin() + "' \"$@\"\n");
        jdk.resolve("java").toFile().setExecutable(true);
        Files.copy(Path.of(System.getProperty("java.home"), "release"), jdk.getParent().resolve("release"));
        Map<String, String> env = Map.of("JAVA_HOME", jdk.getParent().toString());
        String version = System.getProperty("java.version");
        Path classes = target.resolve("sstop-" + version + "-headless.classes");
        Path failed = target.resolve("sstop-" + version + "-headless.jsa.failed");

        // A list still being written (its run is alive: this JVM's pid): no dump, and no second list.
        Path listing = Files.writeString(target.resolve(classes.getFileName() + "." + ProcessHandle.current().pid()), "java/lang/Object\n");
        assertSample(command(env, List.of(root.resolve("sstop").toString(), "--once", "--json")));
        assertFalse(Files.readString(calls).contains("-Xshare:dump"), Files.readString(calls));
        assertFalse(Files.readString(calls).contains("DumpLoadedClassList"), Files.readString(calls));
        Files.delete(listing);

        // A finished list (its pid is now another program's, as after a reboot): three runs at once start one dump.
        Process other = new ProcessBuilder("sleep", "60").start();
        Files.writeString(target.resolve(classes.getFileName() + "." + other.pid()), "java/lang/Object\n");
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder b = new ProcessBuilder(root.resolve("sstop").toString(), "--once", "--json")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            b.environment().putAll(env);
            runs.add(b.start());
        }
        for (Process p : runs) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "every run starts, whichever took the list");
        }
        assertTrue(Files.exists(classes), "the finished list is taken for the dump");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(failed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(failed), "the dump ran and failed");
        Thread.sleep(500);
        assertEquals(1, Files.readAllLines(calls).stream().filter(c -> c.contains("-Xshare:dump")).count(), Files.readString(calls));
        assertFalse(Files.exists(target.resolve("sstop-" + version + "-headless.jsa.dumping")), "the dump's mark is gone with it");
        other.destroy();
    }

    /**
     * Where {@code java} really is is resolved once (a fork) and kept in the build directory; a
     * kept answer that no longer names the same file (another JDK behind the link) is resolved again.
     */
    @Test
    void whereJavaIsIsKeptWhileItNamesTheSameFile() throws Exception {
        Path realJava = Path.of(javaBin()).toRealPath();
        Path jdk = Files.createDirectories(root.resolve("linked-jdk/bin"));
        Files.createSymbolicLink(jdk.resolve("java"), realJava);
        Map<String, String> env = Map.of("JAVA_HOME", jdk.getParent().toString());
        List<String> version = List.of(root.resolve("sstop").toString(), "--version");
        assertTrue(command(env, version).startsWith("sstop "));
        Path kept = target.resolve("java-bin");
        assertEquals(List.of(realJava.toString()), Files.readAllLines(kept));
        Files.writeString(kept, "/bin/sh\n"); // a file, but not the one the link names
        assertTrue(command(env, version).startsWith("sstop "));
        assertEquals(List.of(realJava.toString()), Files.readAllLines(kept), "resolved again");
    }

    /**
     * The launcher rebuilds when a pom or anything under a module's src/main is newer than the jar
     * (a file added counts, through its directory), and not for a test source. The build is a
     * stand-in {@code mvn} first on the PATH that records its arguments: this checks the
     * launcher's decision, not Maven.
     */
    @Test
    void aChangedMainSourceRebuildsAndATestSourceDoesNot() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path calls = root.resolve("mvn-calls");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        bin.resolve("mvn").toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        Path main = Files.createDirectories(root.resolve("sstop-core/src/main/java/org/sstop/core"));
        Path test = Files.createDirectories(root.resolve("sstop-core/src/test/java/org/sstop/core"));
        Path engine = Files.writeString(main.resolve("Engine.java"), "class Engine {}");
        Path engineTest = Files.writeString(test.resolve("EngineTest.java"), "class EngineTest {}");
        long jarTime = Files.getLastModifiedTime(target.resolve("sstop.jar")).toMillis();
        for (Path p : List.of(main, main.getParent(), main.getParent().getParent(), main.getParent().getParent().getParent(),
                root.resolve("sstop-core/src/main"), engine)) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(jarTime - 60_000));
        }
        Files.setLastModifiedTime(engineTest, FileTime.fromMillis(jarTime + 60_000));
        run(env, "--version");
        assertFalse(Files.exists(calls), "a newer test source is not in the jar: no build");
        Files.setLastModifiedTime(engine, FileTime.fromMillis(jarTime + 60_000));
        run(env, "--version");
        assertEquals(List.of("-B -q -DskipTests -pl sstop-tui -am package"), Files.readAllLines(calls));
        Files.setLastModifiedTime(engine, FileTime.fromMillis(jarTime - 60_000));
        Files.writeString(main.resolve("Added.java"), "class Added {}");
        Files.setLastModifiedTime(main.resolve("Added.java"), FileTime.fromMillis(jarTime - 60_000));
        Files.setLastModifiedTime(main, FileTime.fromMillis(jarTime + 60_000));
        run(env, "--version");
        assertEquals(2, Files.readAllLines(calls).size(), "a file added under src/main: its directory is newer");
    }

    /**
     * Two sstops started while the jar is stale build once: the second waits for the first's
     * build and runs its jar (they used to build into the same directory at once, and a run could
     * load a jar half written). A launcher stopped while it builds stops its build too.
     */
    @Test
    void oneBuildAtATimeAndItStopsWithItsLauncher() throws Exception {
        CiAssume.that(Host.onPath("flock"), "flock (util-linux) is installed");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path calls = root.resolve("mvn-calls");
        Path jar = target.resolve("sstop.jar");
        // a stand-in build: records the call, takes two seconds, leaves a jar newer than the sources
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho $$ >> '" + calls + "'\nsleep 2\ntouch '" + jar + "'\n");
        bin.resolve("mvn").toFile().setExecutable(true);
        Path main = Files.createDirectories(root.resolve("sstop-core/src/main/java"));
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 60_000)); // older than a source: stale
        Files.setLastModifiedTime(main, FileTime.fromMillis(now - 30_000)); // and the build's touch is newer
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder b = new ProcessBuilder(root.resolve("sstop").toString(), "--version")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            b.environment().remove("JAVA_TOOL_OPTIONS");
            b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            b.environment().put("JAVA_HOME", System.getProperty("java.home"));
            runs.add(b.start());
        }
        for (Process p : runs) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "both run the jar");
        }
        assertEquals(1, Files.readAllLines(calls).size(), "one build");

        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho $$ >> '" + calls + "'\nexec sleep 60\n");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 60_000));
        ProcessBuilder b = new ProcessBuilder(root.resolve("sstop").toString(), "--version")
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process launcher = b.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Files.readAllLines(calls).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long build = Long.parseLong(Files.readAllLines(calls).get(1).strip());
        launcher.destroy(); // SIGTERM, as timeout(1) or kill sends
        assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
        assertEquals(143, launcher.exitValue());
        ProcessHandle h = ProcessHandle.of(build).orElse(null);
        assertTrue(h == null || h.onExit().get(10, TimeUnit.SECONDS) != null, "the build is stopped too");
    }

    /**
     * Where JNA's cache directory is mounted noexec (a common hardening), JNA cannot load the
     * native part it extracts there, and every tier that calls libc is lost; the launcher points
     * JNA at the part the build unpacked, and they all stay.
     */
    @Test
    void theNativeTiersWorkWhereJnasCacheDirectoryIsNoexec() throws Exception {
        CiAssume.root();
        Path cache = Files.createDirectories(root.resolve("noexec-cache"));
        command(List.of("mount", "-t", "tmpfs", "-o", "noexec,size=16m", "tmpfs", cache.toString()));
        try {
            Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
            JsonNode plain = JSON.readTree(command(env, List.of(javaBin(), "-jar", target.resolve("sstop.jar").toString(),
                    "--backends", "--json")));
            assertFalse(available(plain, "sockets", "linux-netlink"), "the control: JNA fails from a noexec cache " + plain);
            JsonNode launched = JSON.readTree(run(env, "--backends", "--json"));
            assertTrue(available(launched, "sockets", "linux-netlink"), launched.toString());
            assertTrue(available(launched, "flows", "linux-packet"), launched.toString());
        } finally {
            command(List.of("umount", cache.toString()));
        }
    }

    private static boolean available(JsonNode report, String service, String provider) {
        for (JsonNode s : report.path("services")) {
            for (JsonNode p : s.path("providers")) {
                if (s.path("name").asText().equals(service) && p.path("name").asText().equals(provider)) {
                    return p.path("available").asBoolean();
                }
            }
        }
        throw new AssertionError("no " + service + " provider " + provider + " in " + report);
    }

    private static void assertSample(String out) throws IOException {
        String first = out.lines().findFirst().orElseThrow(() -> new AssertionError("no output"));
        assertEquals("sstop/1", JSON.readTree(first).path("schema").asText(), first);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code ./sstop args} with this test's JDK as JAVA_HOME. */
    private String run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("sstop").toString()));
        command.addAll(List.of(args));
        Map<String, String> withJdk = new HashMap<>(env);
        withJdk.put("JAVA_HOME", System.getProperty("java.home"));
        return command(withJdk, command);
    }

    private static String command(List<String> command) throws Exception {
        return command(Map.of(), command);
    }

    /** Runs a command to its end (at most two minutes); fails unless it exits with 0. Returns its stdout. */
    private static String command(Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().remove("JAVA_TOOL_OPTIONS");
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not end: " + command);
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out;
    }
}
