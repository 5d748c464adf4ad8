package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.ProcessInfo;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;
import org.sstop.testkit.CiAssume;

/**
 * The real runner and the tools that exist on Linux too ({@code sh}, {@code ps}, {@code lsof}:
 * the same programs, the same output formats as on macOS), against real processes and sockets.
 */
class RealCommandsTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final long self = ProcessHandle.current().pid();

    @Test
    void runnerCapturesOutputStatusAndLocale() throws IOException {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "echo out; echo err >&2; echo \"$LC_ALL\"; exit 3"), Duration.ofSeconds(10));
        assertEquals("out\nC\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(3, r.exitCode());
        assertFalse(r.timedOut());
        assertFalse(r.succeeded());
        assertEquals("exit status 3: err", r.describeFailure());
    }

    @Test
    void runnerKillsAtTheTimeout() throws IOException {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "echo started; exec sleep 30"), Duration.ofMillis(300));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertEquals("timed out", r.describeFailure());
    }

    @Test
    void runnerBoundsTheOutputAndSaysItCutIt() throws IOException {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' a"), Duration.ofSeconds(20));
        int limit = ProcessCommandRunner.maxOutput(Runtime.getRuntime().maxMemory());
        assertEquals(limit, r.outputLimit());
        assertEquals(0, r.exitCode(), "the rest was drained: the command ended normally");
        assertFalse(r.succeeded(), "cut output is not used");
        assertEquals("", r.stdout());
        assertTrue(r.describeFailure().startsWith("printed more than " + (limit >> 20) + " MiB"), r.describeFailure());
        CommandResult whole = runner.run(List.of("/bin/sh", "-c", "head -c 60000 /dev/zero | tr '\\0' a"), Duration.ofSeconds(20));
        assertFalse(whole.truncated());
        assertEquals(60000, whole.stdout().length());
    }

    @Test
    void theOutputLimitFollowsTheHeap() {
        assertEquals(8 << 20, ProcessCommandRunner.maxOutput(128L << 20), "the launcher's heap: 8 MiB");
        assertEquals(16 << 20, ProcessCommandRunner.maxOutput(4L << 30), "never above 16 MiB");
        assertEquals(64 << 10, ProcessCommandRunner.maxOutput(1 << 20), "never below 64 KiB");
    }

    @Test
    void missingProgramIsAnIOException() {
        assertThrows(IOException.class, () -> runner.run(List.of("/nonexistent/netstat"), Duration.ofSeconds(1)));
    }

    @Test
    void realPsTableDescribesThisJvm() throws IOException {
        CiAssume.that(Host.system().find("ps").isPresent(), "ps is not installed");
        CommandResult r = runner.run(List.of(Host.system().find("ps").get(), "-A", "-o", PsParser.COLUMNS), Duration.ofSeconds(10));
        assertTrue(r.succeeded(), r.describeFailure());
        ParseResult<PsParser.PsProcess> table = PsParser.parseProcesses(r.stdout(), ZoneId.systemDefault());
        assertTrue(table.items().size() > 1);
        PsParser.PsProcess me = table.items().stream().filter(p -> p.pid() == self).findFirst().orElseThrow();
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), me.ppid());
        assertEquals(System.getProperty("user.name"), me.user());
        long javaStart = ProcessHandle.current().info().startInstant().orElseThrow().getEpochSecond();
        assertTrue(Math.abs(me.startEpochSecond() - javaStart) <= 1, "ps and the JDK agree on the start second (rounding apart)");
    }

    @Test
    void realLsofFindsTheOwnerOfARealConnection() throws Exception {
        CiAssume.that(Host.system().find("lsof").isPresent() && Host.system().find("ps").isPresent(), "lsof and ps are needed");
        CiAssume.that(Host.system().isRoot(), "lsof sees every process only as root");
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, lo);
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress(lo, server.getLocalPort()));
            try (Socket accepted = server.accept();
                    OutputStream out = client.getOutputStream();
                    InputStream in = accepted.getInputStream()) {
                out.write(new byte[1000]);
                assertEquals(1000, in.readNBytes(1000).length);
                Endpoint local = new Endpoint(IpAddress.of(lo), client.getLocalPort());
                Endpoint remote = new Endpoint(IpAddress.of(lo), server.getLocalPort());
                SocketInfo s = new SocketInfo(77, Protocol.TCP, local, remote, SocketState.ESTABLISHED, 77, -1, -1, -1, -1);
                SocketInfo listener = new SocketInfo(78, Protocol.TCP, remote, new Endpoint(IpAddress.ANY_V6, 0),
                        SocketState.LISTEN, 78, -1, -1, -1, -1);
                Host h = Host.system();
                try (LsofProcessMapper m = new LsofProcessMapper(h.find("lsof").get(), h.find("ps").get(), runner,
                        new Timing(Duration.ofSeconds(20), Duration.ofSeconds(20)), ZoneId.systemDefault(), System::nanoTime, true)) {
                    int[] owners = m.owners(List.of(s, listener));
                    assertArrayEquals(new int[] {(int) self, (int) self}, owners);
                    ProcessInfo info = m.describe((int) self).orElseThrow();
                    assertEquals(self, info.pid());
                    assertTrue(info.cmdline().contains("java") || info.name().contains("java"), info.toString());
                    assertTrue(m.isAlive((int) self, info.startTime()));
                }
            }
        }
    }
}
