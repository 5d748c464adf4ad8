package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/** The shaded {@code sstop.jar} run as a user runs it: a separate process, real backends, pipes and signals. */
class SstopJarIT {

    private static final String[] SERVICES = {
        "org.sstop.api.SocketSourceProvider", "org.sstop.api.ProcessMapperProvider",
        "org.sstop.api.InterfaceSourceProvider", "org.sstop.api.FlowCounterProvider"
    };

    private static Path jar;

    @BeforeAll
    static void findJar() {
        String path = System.getProperty("sstop.jar");
        CiAssume.that(path != null && Files.isRegularFile(Path.of(path)), "the shaded jar is built by mvn package");
        jar = Path.of(path);
        CiAssume.that(Host.isLinux(), "the Linux backends need Linux");
    }

    @Test
    void everyProviderOfEveryModuleIsRegisteredInTheJar() throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            int total = 0;
            for (String service : SERVICES) {
                Set<String> expected = new TreeSet<>();
                Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/services/" + service);
                while (files.hasMoreElements()) {
                    try (InputStream in = files.nextElement().openStream()) {
                        expected.addAll(providers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
                ZipEntry entry = zip.getEntry("META-INF/services/" + service);
                Set<String> shaded = entry == null ? Set.of()
                        : providers(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(expected, shaded, service);
                for (String provider : shaded) {
                    assertNotNull(zip.getEntry(provider.replace('.', '/') + ".class"), provider + " class in the jar");
                }
                total += shaded.size();
            }
            assertTrue(total >= 4, "the Linux modules alone register at least four providers: " + total);
        }
    }

    @Test
    void jsonCountTwoGivesTwoSchemaLines() throws Exception {
        Run r = run(List.of("--json", "--count", "2", "--interval", "100ms"), 60);
        assertEquals(0, r.status, r.err);
        List<JsonNode> lines = MainEndToEndTest.parseLines(r.out);
        assertEquals(2, lines.size(), r.out);
        lines.forEach(MainEndToEndTest::assertSchema);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    @Test
    void versionAndUsageErrors() throws Exception {
        Run version = run(List.of("--version"), 30);
        assertEquals(0, version.status);
        assertTrue(version.out.startsWith("sstop 0."), version.out);
        Run bad = run(List.of("--interval", "20s", "--json"), 30);
        assertEquals(2, bad.status);
        assertTrue(bad.err.startsWith("sstop: ") && bad.err.contains("out of range"), bad.err);
        Run noTerminal = run(List.of(), 30);
        assertEquals(2, noTerminal.status);
        assertTrue(noTerminal.err.contains("use --json or --csv"), noTerminal.err);
    }

    @Test
    void whenJnaCannotLoadTheBackendsSayWhyNotOnlyThatItFailedBefore() throws Exception {
        // JNA finds no native library (as where /tmp is noexec): the first class to touch it gets
        // the reason, every later one only "Could not initialize class com.sun.jna.Native".
        List<String> command = List.of(javaBinary(), "-Djna.boot.library.path=/nonexistent", "-Djna.nosys=true",
                "-Djna.noclasspath=true", "-jar", jar.toString(), "--backends");
        Run r = run(new ProcessBuilder(command), 60);
        assertEquals(0, r.status, r.err);
        List<String> jnaLines = r.out.lines().filter(l -> l.contains("JNA cannot call libc")).toList();
        assertTrue(jnaLines.size() >= 3, "netlink, packet and eBPF providers say JNA is missing:\n" + r.out);
        for (String line : jnaLines) {
            assertTrue(line.contains("Unable to locate JNA native support library"), line);
        }
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("sockets") && l.contains("linux-procfs") && l.contains("*")),
                "the /proc socket source, plain Java, is selected instead:\n" + r.out);
    }

    @Test
    void stopsAtOnceWhenTheReaderOfItsOutputGoesAway() throws Exception {
        // Like `sstop --json | head -1`: with a 10 s interval, noticing only at the next write
        // would take ten seconds; the stdout watcher ends it when the pipe closes.
        Process p = start(List.of("--json", "--interval", "10s"));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertNotNull(first);
        MainEndToEndTest.assertSchema(MainEndToEndTest.parseLines(first).get(0));
        out.close();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running 5 s after its reader left");
        assertEquals(0, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    @Test
    void sigintEndsItCleanly() throws Exception {
        Process p = start(List.of("--json", "--interval", "200ms"));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertNotNull(out.readLine());
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "SIGINT ends it");
        assertEquals(130, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        for (String line : out.lines().toList()) {
            MainEndToEndTest.parseLines(line); // every line that made it out is whole
        }
    }

    @Test
    void withoutRootItRunsAttributesOwnProcessesAndSaysOnceWhatItCannotSee(@TempDir Path dir) throws Exception {
        CiAssume.that(Host.isRoot(), "switching to an unprivileged user needs root");
        CiAssume.that(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is installed");
        CiAssume.that(Host.onPath("python3"), "python3 is installed (.ci/run installs it)");
        // A copy the unprivileged user can read, and a temp dir it can write (JNA unpacks its library there).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(jar, dir.resolve("sstop.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        // The same user first starts a TCP listener of its own: sstop must attribute it without root.
        String script = "python3 -c 'import socket,sys,time\n"
                + "s=socket.socket(); s.bind((\"127.0.0.1\",0)); s.listen()\n"
                + "open(sys.argv[1],\"w\").write(str(s.getsockname()[1])); time.sleep(60)' \"$1/port\" &\n"
                + "while [ ! -s \"$1/port\" ]; do sleep 0.05; done\n"
                + "\"$2\" -Djava.io.tmpdir=\"$1\" -jar \"$3\" --json --count 3 --interval 100ms; rc=$?\n"
                + "kill %1; exit $rc\n";
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", "/bin/bash", "-c", script, "sstop-it", tmp.toString(),
                javaBinary(), copy.toString());
        builder.environment().put("HOME", tmp.toString());
        Run r = run(builder, 60);
        assertEquals(0, r.status, r.err);
        int port = Integer.parseInt(Files.readString(tmp.resolve("port")).strip());
        List<JsonNode> lines = MainEndToEndTest.parseLines(r.out);
        assertEquals(3, lines.size(), r.out);
        lines.forEach(MainEndToEndTest::assertSchema);
        JsonNode last = lines.get(2);
        assertEquals("linux-netlink", last.get("sources").get("sockets").asText(), "sock_diag needs no privilege");
        JsonNode listener = null;
        for (JsonNode l : last.get("listen")) {
            if (l.get("port").asInt() == port && "tcp".equals(l.get("protocol").asText())) {
                listener = l;
            }
        }
        assertNotNull(listener, "listener on port " + port + " in " + last.get("listen"));
        assertFalse(listener.get("pid").isNull(), "own listener mapped to its process: " + listener);
        JsonNode owner = MainEndToEndTest.process(last, listener.get("pid").asInt());
        assertNotNull(owner, "its process is listed");
        assertTrue(owner.get("name").asText().startsWith("python"), owner.toString());
        assertEquals(1, owner.get("listening").asInt(), owner.toString());

        assertTrue(last.get("visibility").get("limited").asBoolean(), r.out);
        assertTrue(r.err.contains("sstop: limited visibility: not root"), r.err);
        assertEquals(1, count(r.err, PrivilegeNotice.ADVICE), r.err);
        // Printed once, not once per sample.
        assertEquals(lines.get(0).get("visibility").get("limitations").size(), count(r.err, "sstop: limited visibility: "), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }


    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static Set<String> providers(String servicesFile) {
        Set<String> names = new TreeSet<>();
        for (String line : servicesFile.split("\n")) {
            String name = line.replaceAll("#.*", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).start();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(List<String> args, int timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(args);
        return run(new ProcessBuilder(command), timeoutSeconds);
    }

    private static Run run(ProcessBuilder builder, int timeoutSeconds) throws Exception {
        Path err = Files.createTempFile("sstop-it-", ".err");
        try {
            Process p = builder.redirectErrorStream(false).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sstop did not end within " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
