package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sstop.api.BackendProvider;
import org.sstop.core.NetMonitor;
import org.sstop.core.TestClocks;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;

/**
 * Runs the whole engine on the macOS providers over recorded sequences of command outputs, one
 * second apart on a test clock, and checks the per-process totals and rates it computes.
 */
class EndToEndEngineTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String CURL = "192.168.1.20.50000";
    private static final String SERVER = "93.184.216.34.443";

    private final AtomicLong nanos = new AtomicLong(5 * SECOND);

    /**
     * The engine's smoothing: the first measured interval sets the rate (the baseline sample before
     * it measures none), then alpha = 1 - 0.7^dt, dt = 1 s here.
     */
    private static double ema(long... perSecond) {
        double r = perSecond[0];
        for (int i = 1; i < perSecond.length; i++) {
            r += 0.3 * (perSecond[i] - r);
        }
        return r;
    }

    private static String tcp(long curlRx, long curlTx, boolean secondSocket) {
        StringBuilder sb = new StringBuilder(NetstatText.header());
        if (curlRx >= 0) {
            sb.append(NetstatText.row("tcp4", CURL, SERVER, "ESTABLISHED", curlRx, curlTx, "curl:501", 0x100));
        }
        if (secondSocket) {
            sb.append(NetstatText.row("tcp4", "192.168.1.20.50001", SERVER, "ESTABLISHED", 5000, 0, "curl:501", 0x101));
        }
        sb.append(NetstatText.row("tcp46", "*.22", "*.*", "LISTEN", 0, 0, "launchd:1", 0x10));
        return sb.toString();
    }

    private static String udp(long rx, long tx) {
        return NetstatText.header() + NetstatText.row("udp4", "*.5353", "*.*", null, rx, tx, "mDNSResponder:187", 0x40);
    }

    private static final String PS_TABLE = String.join("\n",
            "    1     0     0 root             Sat Nov 21 08:00:01 2026     /sbin/launchd",
            "  187     1    65 _mdnsresponder   Sat Nov 21 08:00:05 2026     /usr/sbin/mDNSResponder",
            "  501   400   501 alice            Sat Nov 21 20:00:00 2026     /usr/bin/curl", "");
    private static final String PS_COMMANDS = String.join("\n",
            "    1 /sbin/launchd", "  187 /usr/sbin/mDNSResponder", "  501 curl -O https://example.com/big.iso", "");

    private NetMonitor monitor(List<BackendProvider<?>> providers) throws Exception {
        return TestClocks.drive(NetMonitor.builder().providers(providers), nanos::get,
                Clock.fixed(Instant.parse("2026-11-21T20:00:00Z"), ZoneOffset.UTC)).build();
    }

    private Snapshot tick(NetMonitor m) throws Exception {
        nanos.addAndGet(SECOND);
        return m.sample();
    }

    private static ProcessStats process(Snapshot s, int pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no pid " + pid + " in " + s.processes()));
    }

    @Test
    void netstatTierWithProcessPidColumn() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .on("netstat tcp", tcp(1000, 100, false), tcp(11000, 600, false), tcp(31000, 1600, false), tcp(-1, 0, true))
                .on("netstat udp", udp(100, 100), udp(300, 200), udp(300, 200), udp(400, 200))
                .on("netstat -i", NetstatText.interfaces(10_000, 1_000, 50), NetstatText.interfaces(20_700, 1_700, 50),
                        NetstatText.interfaces(41_500, 2_800, 50), NetstatText.interfaces(46_800, 2_900, 50))
                .on("ps table", PS_TABLE).on("ps command", PS_COMMANDS).on("lsof", "");
        Host mac = FakeHost.mac("netstat", "lsof", "ps");
        Timing t = Timing.DEFAULT;
        List<BackendProvider<?>> providers = List.of(new NetstatSocketSourceProvider(mac, r, t),
                new LsofProcessMapperProvider(mac, r, t), new NetstatInterfaceSourceProvider(mac, r, t));
        try (NetMonitor m = monitor(providers)) {
            List<Snapshot> snaps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                snaps.add(tick(m));
            }
            Snapshot last = snaps.get(3);
            assertEquals("macos-netstat", last.backends().selected("sockets"));
            assertEquals("macos-lsof", last.backends().selected("processes"));
            assertEquals("macos-netstat", last.backends().selected("interfaces"));

            // Sample 1 is the baseline; then curl moves +10000/+500, +20000/+1000, and at sample 4 its
            // first socket is gone and a new one arrived with 5000 bytes received (counted whole).
            ProcessStats curl = process(last, 501);
            assertEquals("curl", curl.name());
            assertEquals("curl -O https://example.com/big.iso", curl.cmdline());
            assertEquals("alice", curl.user());
            assertEquals(400, curl.ppid());
            assertEquals(35_000, curl.traffic().downBytes());
            assertEquals(1_500, curl.traffic().upBytes());
            // The process's rate is the sum of its sockets': the one no longer listed left with its
            // rate, and the new one's first 5,000 bytes set its rate outright.
            assertEquals(5_000, curl.traffic().downRate(), 1e-6);
            assertEquals(0, curl.traffic().upRate(), 1e-6);
            ProcessStats sample3 = process(snaps.get(2), 501);
            assertEquals(ema(10_000, 20_000), sample3.traffic().downRate(), 1e-6, "while it was listed: smoothed");

            ProcessStats sample2 = process(snaps.get(1), 501);
            assertEquals(10_000, sample2.traffic().downBytes());
            assertEquals(ema(10_000), sample2.traffic().downRate(), 1e-6);

            ProcessStats mdns = process(last, 187);
            assertEquals("mDNSResponder", mdns.name());
            assertEquals(300, mdns.traffic().downBytes());
            assertEquals(100, mdns.traffic().upBytes());

            assertEquals(35_300, last.totals().downBytes(), "system total: every attributed byte");
            assertEquals(1_600, last.totals().upBytes());
            assertTrue(last.listen().stream().anyMatch(l -> l.local().port() == 22 && l.pid() == 1), "launchd's listener");
            assertTrue(last.interfaces().stream().anyMatch(i -> i.name().equals("en0")));
        }
    }

    @Test
    void netstatWithoutOwnerColumnIsMappedThroughLsofByTuple() throws Exception {
        // An older netstat without -v columns: no pid, no gencnt; lsof maps the synthetic inode by tuple.
        String header = "Active Internet connections (including servers)\n"
                + String.format("%-5.5s %-6.6s %-6.6s  %-45.45s %-45.45s %-11.11s %10.10s %10.10s%n",
                        "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "(state)", "rxbytes", "txbytes");
        String row = "%-5.5s %6d %6d  %-45.45s %-45.45s %-11s %10d %10d%n";
        String s1 = header + String.format(row, "tcp4 ", 0, 0, CURL, SERVER, "ESTABLISHED", 2000, 10);
        String s2 = header + String.format(row, "tcp4 ", 0, 0, CURL, SERVER, "ESTABLISHED", 9000, 110);
        String lsof = "p501\nR400\nccurl\nu501\nLalice\nf5\ntIPv4\nPTCP\nn192.168.1.20:50000->93.184.216.34:443\nTST=ESTABLISHED\n";
        ScriptedRunner r = new ScriptedRunner()
                .on("netstat tcp", s1, s2).on("netstat udp", "")
                .on("lsof", lsof).on("ps table", PS_TABLE).on("ps command", PS_COMMANDS);
        Host mac = FakeHost.mac("netstat", "lsof", "ps");
        List<BackendProvider<?>> providers = List.of(new NetstatSocketSourceProvider(mac, r, Timing.DEFAULT),
                new LsofProcessMapperProvider(mac, r, Timing.DEFAULT));
        try (NetMonitor m = monitor(providers)) {
            tick(m);
            Snapshot s = tick(m);
            ProcessStats curl = process(s, 501);
            assertEquals("curl", curl.name());
            assertEquals(7_000, curl.traffic().downBytes());
            assertEquals(100, curl.traffic().upBytes());
            assertEquals(ema(7_000), curl.traffic().downRate(), 1e-6);
            assertEquals(0, s.unattributed().downBytes());
        }
    }

    @Test
    void nettopTierWinsWhenPresentAndCountsPerProcess() throws Exception {
        String h = "time,,bytes_in,bytes_out,\n";
        String n1 = h + "20:00:01.000001,curl.501,1000,100,\n20:00:01.000002,tcp4 192.168.1.20:50000<->93.184.216.34:443,1000,100,\n"
                + "20:00:01.000003,mDNSResponder.187,0,0,\n20:00:01.000004,udp4 *:5353<->*:*,0,0,\n";
        String n2 = h + "20:00:02.000001,curl.501,251000,2100,\n20:00:02.000002,tcp4 192.168.1.20:50000<->93.184.216.34:443,251000,2100,\n"
                + "20:00:02.000003,mDNSResponder.187,512,256,\n20:00:02.000004,udp4 *:5353<->*:*,512,256,\n";
        String n3 = h + "20:00:03.000001,curl.501,301000,2100,\n20:00:03.000002,tcp4 192.168.1.20:50000<->93.184.216.34:443,301000,2100,\n"
                + "20:00:03.000003,mDNSResponder.187,512,256,\n20:00:03.000004,udp4 *:5353<->*:*,512,256,\n";
        ScriptedRunner r = new ScriptedRunner().on("nettop", n1, n2, n3)
                .on("netstat tcp", tcp(1, 1, false)).on("netstat udp", udp(1, 1))
                .on("ps table", PS_TABLE).on("ps command", PS_COMMANDS).on("lsof", "");
        Host mac = FakeHost.mac("netstat", "nettop", "lsof", "ps");
        List<BackendProvider<?>> providers = List.of(new NetstatSocketSourceProvider(mac, r, Timing.DEFAULT),
                new NettopSocketSourceProvider(mac, r, Timing.DEFAULT), new LsofProcessMapperProvider(mac, r, Timing.DEFAULT));
        try (NetMonitor m = monitor(providers)) {
            tick(m);
            tick(m);
            Snapshot s = tick(m);
            assertEquals("macos-nettop", s.backends().selected("sockets"));
            assertEquals(0, r.calls("netstat tcp"), "the lower tier never ran");
            ProcessStats curl = process(s, 501);
            assertEquals(300_000, curl.traffic().downBytes());
            assertEquals(2_000, curl.traffic().upBytes());
            assertEquals(ema(250_000, 50_000), curl.traffic().downRate(), 1e-6);
            assertEquals(ema(2_000, 0), curl.traffic().upRate(), 1e-6);
            ProcessStats mdns = process(s, 187);
            assertEquals(512, mdns.traffic().downBytes());
            assertEquals(256, mdns.traffic().upBytes());
            assertEquals(s.processes().get(0).pid(), 501, "sorted by rate");
        }
    }

    @Test
    void brokenNettopFallsBackToTheNetstatTier() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .then("nettop", () -> new CommandResult(1, "", "nettop: failed to create kernel control socket", false))
                .on("netstat tcp", tcp(1000, 100, false), tcp(4000, 100, false)).on("netstat udp", "")
                .on("ps table", PS_TABLE).on("ps command", PS_COMMANDS);
        Host mac = FakeHost.mac("netstat", "nettop", "lsof", "ps");
        List<BackendProvider<?>> providers = List.of(new NettopSocketSourceProvider(mac, r, Timing.DEFAULT),
                new NetstatSocketSourceProvider(mac, r, Timing.DEFAULT), new LsofProcessMapperProvider(mac, r, Timing.DEFAULT));
        try (NetMonitor m = monitor(providers)) {
            Snapshot s = null;
            for (int i = 0; i < FailureStreak.LIMIT + 2; i++) {
                s = tick(m); // never throws: the failures are ridden out, then the engine switches tiers
            }
            assertEquals("macos-netstat", s.backends().selected("sockets"));
            String reason = s.backends().service("sockets").orElseThrow().candidates().stream()
                    .filter(c -> c.name().equals("macos-nettop")).findFirst().orElseThrow().reason();
            assertTrue(reason.contains("failed to create kernel control socket"), reason);
            assertEquals(3_000, process(s, 501).traffic().downBytes(), "netstat's first sample is a baseline, then +3000");
        }
    }

    @Test
    void failingCommandsNeverThrowOutOfSampling() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .on("netstat tcp", tcp(1000, 100, false))
                .then("netstat tcp", () -> new CommandResult(-1, "", "", true))
                .on("netstat tcp", tcp(3000, 300, false))
                .on("netstat udp", "")
                .on("ps table", PS_TABLE).on("ps command", PS_COMMANDS);
        Host mac = FakeHost.mac("netstat", "lsof", "ps");
        List<BackendProvider<?>> providers = List.of(new NetstatSocketSourceProvider(mac, r, Timing.DEFAULT),
                new LsofProcessMapperProvider(mac, r, Timing.DEFAULT));
        try (NetMonitor m = monitor(providers)) {
            tick(m);
            Snapshot failed = tick(m);
            assertTrue(failed.visibility().limitations().stream().anyMatch(l -> l.contains("timed out")),
                    failed.visibility().limitations().toString());
            assertEquals(0, process(failed, 501).traffic().downBytes(), "no fresh counters: nothing counted yet");
            Snapshot recovered = tick(m);
            assertEquals(2_000, process(recovered, 501).traffic().downBytes(), "the missed interval's bytes arrive with the next run");
            assertTrue(recovered.visibility().limitations().stream().noneMatch(l -> l.contains("timed out")));
            assertEquals(Duration.ofSeconds(1), recovered.elapsed());
        }
    }
}
