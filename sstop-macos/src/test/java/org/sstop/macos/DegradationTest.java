package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.SocketSample;

/** Failing, slow and garbled commands degrade to old or no data with a reason, never an exception or a stall. */
class DegradationTest {

    private static final Timing QUICK = new Timing(Duration.ofSeconds(2), Duration.ofMillis(50));

    @Test
    void commandThatCannotStartGivesAnEmptySampleAndAReason() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .then("netstat tcp", () -> {
                    throw new IOException("No such file or directory");
                })
                .then("netstat udp", () -> {
                    throw new IOException("No such file or directory");
                });
        try (NetstatSocketSource s = new NetstatSocketSource("/usr/sbin/netstat", r, QUICK)) {
            SocketSample sample = s.sample();
            assertTrue(sample.sockets().isEmpty());
            assertEquals(2, s.limitations().size());
            assertTrue(s.limitations().get(0).contains("No such file or directory"), s.limitations().get(0));
            assertTrue(s.limitations().get(0).endsWith("its sockets' traffic is unattributed"));
        }
    }

    @Test
    void failureAfterSuccessKeepsThePreviousListAndRecovers() throws Exception {
        String tcp = Fixtures.read("netstat-tcp-macos15.txt");
        String udp = Fixtures.read("netstat-udp-macos15.txt");
        ScriptedRunner r = new ScriptedRunner().on("netstat udp", udp)
                .on("netstat tcp", tcp)
                .then("netstat tcp", () -> new CommandResult(1, "", "netstat: sysctl: net.inet.tcp.pcblist_n: Cannot allocate memory", false))
                .then("netstat tcp", () -> new CommandResult(-1, "partial", "", true))
                .on("netstat tcp", tcp);
        try (NetstatSocketSource s = new NetstatSocketSource("netstat", r, QUICK)) {
            assertEquals(20, s.sample().sockets().size());
            assertTrue(s.limitations().isEmpty());
            assertEquals(3, s.badLines());

            assertEquals(20, s.sample().sockets().size(), "previous TCP list kept");
            assertEquals(List.of("netstat -a -n -v -b -l -p tcp: exit status 1: netstat: sysctl: net.inet.tcp.pcblist_n: "
                    + "Cannot allocate memory; showing the previous socket list"), s.limitations());

            assertEquals(20, s.sample().sockets().size());
            assertTrue(s.limitations().get(0).contains("timed out"), s.limitations().get(0));

            assertEquals(20, s.sample().sockets().size());
            assertTrue(s.limitations().isEmpty(), "recovered");
        }
    }

    @Test
    void slowCommandNeverStallsTheSample() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String tcp = Fixtures.read("netstat-tcp-macos15.txt");
        ScriptedRunner r = new ScriptedRunner().on("netstat udp", "")
                .then("netstat tcp", () -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CommandResult.ok(tcp);
                });
        try (NetstatSocketSource s = new NetstatSocketSource("netstat", r, QUICK)) {
            SocketSample first = s.sample(); // returns after the 50 ms wait, command still blocked
            assertTrue(first.sockets().isEmpty());
            assertTrue(s.limitations().get(0).contains("still running"), s.limitations().get(0));
            assertEquals(1, r.calls("netstat tcp"), "no second run while one is in flight");
            s.sample();
            assertEquals(1, r.calls("netstat tcp"));
            release.countDown();
            int fresh = 0;
            for (int i = 0; i < 200 && fresh == 0; i++) {
                fresh = s.sample().sockets().size();
            }
            assertEquals(15, fresh, "the slow run's answer is used at a later sample");
        }
    }

    @Test
    void garbageOutputIsSkippedAndCounted() throws Exception {
        ScriptedRunner r = new ScriptedRunner().on("netstat udp", "").on("netstat tcp", "\u0000\u0001garbage\ntcp4 x y z\n");
        try (NetstatSocketSource s = new NetstatSocketSource("netstat", r, QUICK)) {
            assertTrue(s.sample().sockets().isEmpty());
            assertEquals(2, s.badLines());
        }
    }

    @Test
    void nettopAndInterfacesDegradeTheSameWay() throws Exception {
        ScriptedRunner r = new ScriptedRunner().on("nettop", Fixtures.read("nettop.txt"))
                .then("nettop", () -> new CommandResult(-1, "", "", true))
                .on("netstat -i", Fixtures.read("netstat-ibn-macos15.txt"))
                .then("netstat -i", () -> {
                    throw new IOException("boom");
                });
        try (NettopSocketSource n = new NettopSocketSource("nettop", r, QUICK);
                NetstatInterfaceSource i = new NetstatInterfaceSource("netstat", r, QUICK)) {
            assertEquals(7, n.sample().sockets().size());
            assertEquals(3, n.badLines());
            assertEquals(7, n.sample().sockets().size());
            assertTrue(n.limitations().get(0).contains("timed out"));
            List<InterfaceCounters> first = i.read();
            assertEquals(6, first.size());
            assertEquals(first, i.read(), "previous counters");
            assertTrue(i.limitations().get(0).contains("boom"));
        }
    }

    @Test
    void aCommandThatKeepsFailingIsAPermanentFailureSoTheEngineMovesOn() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .on("nettop", Fixtures.read("nettop.txt"))
                .then("nettop", () -> new CommandResult(1, "", "nettop: kernel control not available", false));
        try (NettopSocketSource n = new NettopSocketSource("nettop", r, QUICK)) {
            assertEquals(7, n.sample().sockets().size());
            for (int i = 1; i < FailureStreak.LIMIT; i++) {
                assertEquals(7, n.sample().sockets().size(), "ridden out with the previous list");
            }
            PermanentFailureException e = assertThrows(PermanentFailureException.class, n::sample);
            assertTrue(e.getMessage().contains("kernel control not available"), e.getMessage());
        }
    }

    @Test
    void olderNetstatRejectingAFlagIsAskedWithFewer() throws Exception {
        CommandResult usage = new CommandResult(1, "", "netstat: illegal option -- l\nusage: netstat [-AaLlnW] [-f address_family | -p protocol]\n", false);
        String old = Fixtures.read("netstat-old-macos11.txt");
        ScriptedRunner r = new ScriptedRunner()
                .then("netstat tcp", () -> usage)
                .then("netstat tcp", () -> CommandResult.ok(old))
                .on("netstat udp", "");
        try (NetstatSocketSource s = new NetstatSocketSource("netstat", r, QUICK)) {
            assertTrue(s.sample().sockets().isEmpty());
            assertTrue(s.limitations().get(0).contains("flags not supported"), s.limitations().get(0));
            assertEquals(List.of("-a", "-n", "-v", "-b"), s.flags());
            assertEquals(4, s.sample().sockets().size());
            assertEquals(List.of("netstat", "-a", "-n", "-v", "-b", "-p", "tcp"), r.commands.get(r.commands.size() - 2));
        }
    }

    @Test
    void closeStopsTheBackendThread() throws Exception {
        ScriptedRunner r = new ScriptedRunner().on("netstat tcp", "").on("netstat udp", "");
        NetstatSocketSource s = new NetstatSocketSource("netstat", r, QUICK);
        s.sample();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("sstop-macos-netstat-")));
        s.close();
        s.close();
        SocketSample after = s.sample();
        assertTrue(after.sockets().isEmpty());
        assertFalse(s.limitations().isEmpty(), "closed: said, not thrown");
    }
}
