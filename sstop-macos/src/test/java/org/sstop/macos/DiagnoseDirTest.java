package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.SocketInfo;
import org.sstop.testkit.DiagnoseDir;

/**
 * A directory written by {@code sstop --diagnose} on a Mac, read as is: the real backends run on
 * its command outputs, each command answered only by the file of exactly that invocation. So the
 * invocations {@code --diagnose} records must be the backends' own, and a user's report becomes a
 * regression test by copying its directory under {@code src/test/resources/diagnose}. The
 * directory here is hand-made from the fixtures (no Mac to capture one on).
 */
class DiagnoseDirTest {

    private static final Timing PATIENT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(5));

    /** Answers each command from the directory by its program's file name and exact arguments. */
    static final class DirRunner implements CommandRunner {
        private final DiagnoseDir dir;
        final List<List<String>> unanswered = Collections.synchronizedList(new ArrayList<>());

        DirRunner(DiagnoseDir dir) {
            this.dir = dir;
        }

        @Override
        public CommandResult run(List<String> command, Duration timeout) {
            String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
            Optional<DiagnoseDir.Entry> e = dir.command(program, command.subList(1, command.size()));
            if (e.isEmpty()) {
                unanswered.add(List.copyOf(command));
                return new CommandResult(1, "", "not in the diagnose directory", false);
            }
            String status = e.get().status();
            int exit = status.startsWith("exit ") ? Integer.parseInt(status.substring(5).split(",")[0]) : -1;
            String errors = dir.named(e.get().name().replace(".txt", ".stderr.txt")).map(DiagnoseDir.Entry::text).orElse("");
            return new CommandResult(exit, e.get().text(), errors, status.equals("timed out"));
        }
    }

    @Test
    void theBackendsRunOnAMacDiagnoseDirectoryAsIs() throws Exception {
        DiagnoseDir dir = DiagnoseDir.resource("/diagnose/macos-example");
        DirRunner runner = new DirRunner(dir);
        List<SocketInfo> netstat;
        try (NetstatSocketSource s = new NetstatSocketSource("/usr/sbin/netstat", runner, PATIENT)) {
            netstat = s.sample().sockets();
            assertEquals(20, netstat.size());
            assertTrue(s.limitations().isEmpty(), s.limitations().toString());
        }
        try (NettopSocketSource s = new NettopSocketSource("/usr/bin/nettop", runner, PATIENT)) {
            List<SocketInfo> nettop = s.sample().sockets();
            assertEquals(NettopParser.parse(Fixtures.read("nettop.txt")).sockets(), nettop);
            assertEquals(7, nettop.size());
        }
        try (NetstatInterfaceSource s = new NetstatInterfaceSource("/usr/sbin/netstat", runner, PATIENT)) {
            assertEquals(List.of("lo0", "en0", "utun4", "utun5"), s.read().stream().map(InterfaceCounters::name).toList());
        }
        AtomicLong clock = new AtomicLong();
        try (LsofProcessMapper m = new LsofProcessMapper("/usr/sbin/lsof", "/bin/ps", runner, PATIENT, ZoneOffset.UTC, clock::get, false)) {
            SocketInfo firstWithoutOwner = netstat.get(0);
            int[] owners = m.owners(List.of(firstWithoutOwner));
            assertEquals(1, owners.length);
            if (owners[0] > 0) {
                assertTrue(m.describe(owners[0]).isPresent());
            }
            assertTrue(m.describe(1).isPresent(), "ps table of the directory read: launchd");
        }
        assertEquals(List.of(), runner.unanswered, "every command the backends ran is in the directory");
        assertTrue(dir.command("sw_vers", List.of()).orElseThrow().text().contains("ProductVersion"));
    }
}
