package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.ProcessInfo;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

class LsofProcessMapperTest {

    private final AtomicLong clock = new AtomicLong();
    private final ScriptedRunner runner = new ScriptedRunner()
            .on("lsof", Fixtures.read("lsof-F.txt"))
            .on("ps table", Fixtures.read("ps-table.txt"))
            .on("ps command", Fixtures.read("ps-commands.txt"));

    private LsofProcessMapper mapper(boolean root) {
        return new LsofProcessMapper("lsof", "ps", runner, Timing.DEFAULT, ZoneOffset.UTC, clock::get, root);
    }

    private static SocketInfo sock(long inode, Protocol p, String la, int lp, String ra, int rp) {
        return new SocketInfo(inode, p, new Endpoint(IpAddress.parse(la), lp), new Endpoint(IpAddress.parse(ra), rp),
                SocketState.ESTABLISHED, inode, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, 0, 0);
    }

    @Test
    void mapsNetstatSocketsByTupleIncludingWildcardsAndScopes() {
        List<SocketInfo> fromNetstat = NetstatSocketParser.parse(Fixtures.read("netstat-tcp-nov.txt")).items();
        try (LsofProcessMapper m = mapper(true)) {
            SocketInfo apsd = fromNetstat.get(0);
            SocketInfo listen = new SocketInfo(7, Protocol.TCP, new Endpoint(IpAddress.ANY_V6, 5000), new Endpoint(IpAddress.ANY_V6, 0),
                    SocketState.LISTEN, 7, -1, -1, 0, 0);
            SocketInfo mdnsV4 = new SocketInfo(8, Protocol.UDP, new Endpoint(IpAddress.ANY_V4, 5353), new Endpoint(IpAddress.ANY_V4, 0),
                    SocketState.UNCONNECTED, 8, -1, -1, 0, 0);
            SocketInfo linkLocal = sock(9, Protocol.TCP, "fe80::1", 8021, "::", 0);
            SocketInfo unknown = sock(10, Protocol.TCP, "10.9.9.9", 1, "10.9.9.8", 2);
            int[] owners = m.owners(List.of(apsd, listen, mdnsV4, linkLocal, unknown));
            assertArrayEquals(new int[] {412, 588, 1234, 1, 0}, owners);
            assertEquals(1, runner.calls("lsof"));
            assertTrue(m.limitations().isEmpty(), "root sees everything");
        }
    }

    @Test
    void lsofRunsOnlyForSocketsItWasNotAskedAbout() {
        try (LsofProcessMapper m = mapper(false)) {
            SocketInfo unknown = sock(10, Protocol.TCP, "10.9.9.9", 1, "10.9.9.8", 2);
            assertArrayEquals(new int[] {0}, m.owners(List.of(unknown)));
            assertEquals(1, runner.calls("lsof"));
            assertTrue(m.limitations().get(0).startsWith("not root: lsof sees only your own processes' sockets"));
            assertArrayEquals(new int[] {0}, m.owners(List.of(unknown)));
            assertArrayEquals(new int[0], m.owners(List.of()));
            assertEquals(1, runner.calls("lsof"), "remembered as not found: no rescan");
            SocketInfo apsd = sock(11, Protocol.TCP, "192.168.1.20", 52344, "17.57.146.52", 5223);
            assertArrayEquals(new int[] {0, 412}, m.owners(List.of(unknown, apsd)));
            assertEquals(2, runner.calls("lsof"));
        }
    }

    @Test
    void describesAndChecksLifeFromPs() throws InterruptedException {
        try (LsofProcessMapper m = mapper(false)) {
            ProcessInfo chrome = m.describe(1234).orElseThrow();
            long start = LocalDateTime.of(2026, 11, 1, 10, 0).toEpochSecond(ZoneOffset.UTC);
            assertEquals(1234, chrome.pid());
            assertEquals(977, chrome.ppid());
            assertEquals("Google Chrome Helper", chrome.name());
            assertTrue(chrome.cmdline().endsWith("Google Chrome Helper --type=utility --utility-sub-type=network.mojom.NetworkService"));
            assertEquals(501, chrome.uid());
            assertEquals("alice", chrome.user());
            assertEquals(start, chrome.startTime());
            assertEquals(start, chrome.started().getEpochSecond());
            assertEquals("", chrome.cgroup());
            assertTrue(m.isAlive(1234, start));
            assertFalse(m.isAlive(1234, start + 1), "same pid, another process");
            assertFalse(m.isAlive(99999, start));
            assertTrue(m.describe(99999).isEmpty());
            assertEquals(1, runner.calls("ps table"), "one table per second at most");
            clock.addAndGet(1_000_000_001L);
            assertTrue(m.isAlive(1234, start), "answered from the old table while the new one is read");
            for (int i = 0; i < 1000 && runner.calls("ps table") < 2; i++) {
                Thread.sleep(5); // bounded wait for the backend thread, not a timing assertion
            }
            assertEquals(2, runner.calls("ps table"), "refreshed in the background");
        }
    }

    @Test
    void psFailureNeverDeclaresAProcessDead() {
        ScriptedRunner failing = new ScriptedRunner();
        try (LsofProcessMapper m = new LsofProcessMapper("lsof", "ps", failing, Timing.DEFAULT, ZoneOffset.UTC, clock::get, false)) {
            assertTrue(m.isAlive(1234, 5));
            assertTrue(m.describe(1234).isEmpty());
            assertFalse(m.limitations().isEmpty());
        }
    }
}
