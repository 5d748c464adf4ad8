package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.linux.procfs.Sockets.sockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.ProcessInfo;
import org.sstop.api.SocketInfo;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.testkit.KernelSockets;

/** The mapper against the real kernel: sockets this JVM and a child process open. */
class ProcProcessMapperKernelTest {

    private static final long SELF = ProcessHandle.current().pid();

    private ProcProcessMapper mapper;
    private Process child;

    @BeforeEach
    void setUp() {
        CiAssume.linux();
        mapper = new ProcProcessMapper();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (mapper != null) {
            mapper.close();
        }
    }

    @Test
    void nativeReadlinkIsUsedOn64BitLinux() {
        assertNull(Libc.loadError(), "JNA libc direct mapping");
    }

    @Test
    void mapsASocketOfThisJvmToItsPid() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long inode = KernelSockets.listeningInode(server.getLocalPort());
            assertTrue(inode > 0, "inode from /proc/net/tcp*");
            assertEquals(Map.of(inode, (int) SELF), Sockets.found(mapper, sockets(inode)));
        }
    }

    @Test
    void noNewInodesReadNoFdDirectory() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long inode = KernelSockets.listeningInode(server.getLocalPort());
            List<SocketInfo> all = sockets(KernelSockets.allInodes());
            Map<Long, Integer> first = Sockets.found(mapper, all);
            assertEquals((int) SELF, first.get(inode));
            long read = mapper.fdDirsRead();
            assertTrue(read > 0);
            // Every inode is now either cached or remembered as not found: nothing is read again.
            for (int i = 0; i < 3; i++) {
                Map<Long, Integer> again = Sockets.found(mapper, all);
                assertEquals(first, again);
            }
            assertEquals(read, mapper.fdDirsRead(), "steady state must read no /proc/<pid>/fd");
        }
    }

    @Test
    void mapsAChildsSocketToTheChildScanningOnlyNewProcesses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Sockets.found(mapper, sockets(KernelSockets.listeningInode(server.getLocalPort()))); // first listing
        }
        long rescans = mapper.rescans();
        int port = startListeningChild();
        long inode = KernelSockets.listeningInode(port);
        assertTrue(inode > 0);
        assertEquals(Map.of(inode, (int) child.pid()), Sockets.found(mapper, sockets(inode)));
        assertEquals(rescans, mapper.rescans(), "found among the processes new since the last listing");
    }

    @Test
    void describesThisJvm() throws IOException {
        ProcessInfo info = mapper.describe((int) SELF).orElseThrow();
        ProcessHandle.Info handle = ProcessHandle.current().info();
        assertEquals(SELF, info.pid());
        assertEquals(Files.readString(Path.of("/proc/self/comm")).strip(), info.name());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), info.ppid());
        String[] args = handle.arguments().orElseThrow();
        String last = args[args.length - 1];
        if (info.cmdline().length() < ProcText.MAX_CMDLINE_BYTES) {
            assertTrue(info.cmdline().endsWith(" " + last), info.cmdline());
        }
        assertExpectedUser(info);
        assertStartedLike(handle.startInstant().orElseThrow(), info.started());
        assertTrue(info.cgroup().startsWith("/"), info.cgroup());
        assertTrue(mapper.isAlive((int) SELF, info.startTime()));
        assertFalse(mapper.isAlive((int) SELF, info.startTime() + 1));
    }

    @Test
    void describesAChildAndSeesItExit() throws Exception {
        startListeningChild();
        int pid = (int) child.pid();
        ProcessInfo info = mapper.describe(pid).orElseThrow();
        assertEquals("java", info.name());
        assertEquals(javaExecutable() + " org.sstop.linux.procfs.TestChild listen", info.cmdline());
        assertEquals(SELF, info.ppid());
        assertExpectedUser(info);
        assertStartedLike(child.info().startInstant().orElseThrow(), info.started());
        assertTrue(mapper.isAlive(pid, info.startTime()));
        child.getOutputStream().close(); // the child exits when its stdin closes
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(mapper.isAlive(pid, info.startTime()));
        assertTrue(mapper.describe(pid).isEmpty());
    }

    @Test
    void aZombieIsNotAlive() throws Exception {
        // sh starts a short sleep in the background, then becomes a long sleep that never reaps it
        child = new ProcessBuilder("sh", "-c", "sleep 0.2 & exec sleep 30").start();
        ProcessHandle orphan = null;
        for (int i = 0; i < 100 && orphan == null; i++) {
            orphan = child.children().findFirst().orElse(null);
            Thread.sleep(20);
        }
        assertNotNull(orphan, "background sleep found");
        int pid = (int) orphan.pid();
        long start = mapper.describe(pid).orElseThrow().startTime();
        Path stat = Path.of("/proc", Integer.toString(pid), "stat");
        for (int i = 0; i < 500 && !Files.readString(stat).contains(") Z "); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.readString(stat).contains(") Z "), "became a zombie");
        assertFalse(mapper.isAlive(pid, start));
        assertTrue(mapper.describe(pid).isPresent(), "still listed until reaped");
    }

    @Test
    void limitationsAreEmptyForRoot() {
        if (Host.isRoot()) {
            assertEquals(List.of(), mapper.limitations());
        } else {
            assertEquals(1, mapper.limitations().size());
        }
    }

    private void assertExpectedUser(ProcessInfo info) throws IOException {
        int uid = ProcStatus.realUid(Files.readString(Path.of("/proc/self/status")));
        assertEquals(uid, info.uid());
        assertEquals(uid == 0 ? "root" : System.getProperty("user.name"), info.user());
    }

    /** The JDK derives the start instant from the same btime and ticks: agree within a second. */
    private static void assertStartedLike(Instant expected, Instant actual) {
        assertNotNull(actual);
        assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(1)) <= 0,
                expected + " vs " + actual);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** Starts {@link TestChild} listening on loopback (class path through the environment, to keep argv short). */
    private int startListeningChild() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "org.sstop.linux.procfs.TestChild", "listen");
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        assertNotNull(line, "child printed its port");
        return Integer.parseInt(line.strip());
    }
}
