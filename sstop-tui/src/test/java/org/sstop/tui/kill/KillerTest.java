package org.sstop.tui.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;

class KillerTest {

    final List<String> sent = new ArrayList<>();
    final Killer.Sender recorder = (pid, sig) -> {
        sent.add(sig.name() + " " + pid);
        return 0;
    };

    @Test
    void refusesPidZeroAndItself() {
        Killer k = new Killer(500, pid -> OptionalLong.of(7), recorder, true);
        assertFalse(k.kill(0, 7, "x", Sig.SIGTERM).ok());
        assertFalse(k.kill(-1, 7, "x", Sig.SIGTERM).ok());
        Killer.Result self = k.kill(500, 7, "sstop", Sig.SIGKILL);
        assertFalse(self.ok());
        assertTrue(self.message().contains("sstop itself"));
        assertTrue(sent.isEmpty());
    }

    @Test
    void refusesAReusedPidAndAGoneProcess() {
        Killer k = new Killer(1, pid -> pid == 42 ? OptionalLong.of(999) : OptionalLong.empty(), recorder, true);
        Killer.Result reused = k.kill(42, 123, "nginx", Sig.SIGTERM);
        assertFalse(reused.ok());
        assertTrue(reused.message().contains("another process"), reused.message());
        assertFalse(k.kill(43, 123, "gone", Sig.SIGTERM).ok());
        assertTrue(sent.isEmpty());
        Killer.Result ok = k.kill(42, 999, "nginx", Sig.SIGHUP);
        assertTrue(ok.ok());
        assertEquals(List.of("SIGHUP 42"), sent);
    }

    @Test
    void refusesInitAndWhatTheKernelSaysMayNotBeSignalledBeforeSending() {
        Permission perm = pid -> pid == 42 ? Permission.Answer.NOT_PERMITTED
                : pid == 43 ? Permission.Answer.NO_PROCESS : Permission.Answer.ALLOWED;
        Killer k = new Killer(500, pid -> OptionalLong.of(7), recorder, true, perm);
        Killer.Result init = k.kill(1, 7, "systemd", Sig.SIGTERM);
        assertFalse(init.ok());
        assertTrue(init.message().contains("pid 1 is init"), init.message());
        Killer.Result other = k.kill(42, 7, "nginx", Sig.SIGKILL);
        assertFalse(other.ok());
        assertEquals("Refused: you may not signal nginx (pid 42); only its user or root may", other.message());
        assertEquals("Refused: you may not signal nginx (pid 42), a process of www-data; only its user or root may",
                k.refusal(42, "nginx", "www-data"));
        assertEquals("gone (pid 43) no longer exists", k.kill(43, 7, "gone", Sig.SIGTERM).message());
        assertTrue(sent.isEmpty(), "nothing sent: " + sent);
        assertNull(k.refusal(44, "mine", "me"));
        assertTrue(k.kill(44, 7, "mine", Sig.SIGTERM).ok());
        assertEquals(List.of("SIGTERM 44"), sent);
    }

    @Test
    void theKernelIsAskedWithoutASignal() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Permission.Answer own = Permission.system().check((int) sleeper.pid());
            CiAssume.that(own != Permission.Answer.UNKNOWN, "no C library to ask");
            assertEquals(Permission.Answer.ALLOWED, own);
            assertTrue(sleeper.isAlive(), "signal 0 is no signal");
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        // Reaped: the pid is free (reuse within these microseconds is not a worry on a 4M pid space).
        assertEquals(Permission.Answer.NO_PROCESS, Permission.system().check((int) sleeper.pid()));
    }

    @Test
    void macStartTimesAreTheProcessTablesWholeSecondsAndCatchAReusedPid() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            int pid = (int) sleeper.pid();
            long token = StartTimes.epochSeconds().of(pid).orElseThrow();
            long started = sleeper.info().startInstant().orElseThrow().getEpochSecond();
            assertEquals(started, token);
            assertTrue(Math.abs(token - System.currentTimeMillis() / 1000) < 60, "seconds since the epoch: " + token);
            Killer k = new Killer(1, StartTimes.epochSeconds(), recorder, true, Permission.system());
            assertTrue(k.kill(pid, token - 1, "sleep", Sig.SIGTERM).message().contains("another process"));
            assertTrue(k.kill(pid, token, "sleep", Sig.SIGTERM).ok());
            assertEquals(List.of("SIGTERM " + pid), sent);
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(StartTimes.epochSeconds().of((int) sleeper.pid()).isEmpty(), "gone");
        Killer unknown = new Killer(1, pid -> OptionalLong.of(StartTimes.UNKNOWN), recorder, true);
        assertTrue(unknown.kill(77, 5, "x", Sig.SIGTERM).message().contains("cannot tell"), "no start time: refused");
    }

    @Test
    void reportsAFailedSend() {
        Killer k = new Killer(1, pid -> OptionalLong.of(5), (pid, sig) -> 1, true);
        Killer.Result r = k.kill(42, 5, "init", Sig.SIGKILL);
        assertFalse(r.ok());
        assertTrue(r.message().contains("Could not send SIGKILL"));
    }

    @Test
    void parsesStartTimeFromStatWithHostileNames() {
        String stat = "1234 (a) (b) c) S 1 1234 1234 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 987654 1000 10";
        assertEquals(OptionalLong.of(987654), StartTimes.parseStat(stat));
        assertEquals(OptionalLong.empty(), StartTimes.parseStat("1234 (x) S 1 2"));
        assertEquals(OptionalLong.empty(), StartTimes.parseStat("garbage"));
        assertEquals(OptionalLong.empty(), StartTimes.parseStat("1 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 zz 1"));
    }

    @Test
    void realSignalToARealProcessAndRefusalAfterItsPidChangesOwner() throws Exception {
        CiAssume.that(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            int pid = (int) sleeper.pid();
            long start = StartTimes.proc().of(pid).orElseThrow();
            Killer real = Killer.system();
            Killer.Result wrong = real.kill(pid, start + 1, "sleep", Sig.SIGTERM);
            assertFalse(wrong.ok(), "a different start time means another process: " + wrong.message());
            assertTrue(sleeper.isAlive());
            Killer.Result r = real.kill(pid, start, "sleep", Sig.SIGTERM);
            assertTrue(r.ok(), r.message());
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            assertEquals(143, sleeper.exitValue(), "terminated by SIGTERM");
            assertFalse(real.kill(pid, start, "sleep", Sig.SIGTERM).ok(), "gone now");
            assertFalse(real.kill((int) ProcessHandle.current().pid(), 0, "me", Sig.SIGTERM).ok());
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
