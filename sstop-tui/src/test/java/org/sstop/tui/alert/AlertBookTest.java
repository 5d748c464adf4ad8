package org.sstop.tui.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.testing.Fixtures;

/** The per-process state machine of the rules, on a fake clock: hold, once per breach, re-arm, gone. */
class AlertBookTest {

    private static final long S = 1_000_000_000L;
    private static final double MIB = 1024 * 1024;

    static ProcessStats proc(int pid, double up) {
        return Fixtures.process(pid, "p" + pid, "/bin/p" + pid, up, 0, ProcessState.RUNNING, List.of());
    }

    static Snapshot sample(long seq, ProcessStats... ps) {
        Snapshot e = Fixtures.empty();
        return new Snapshot(seq, e.time(), Duration.ofSeconds(1), e.interval(), e.backends(), e.external(), e.loopback(),
                e.coverage(), List.of(ps), e.hosts(), e.listen(), e.interfaces(), e.history(), e.trend(), e.visibility());
    }

    static AlertBook book(String... rules) {
        List<AlertRule> out = new ArrayList<>();
        for (String r : rules) {
            out.add(AlertRuleTest.parse(r));
        }
        return AlertBook.of(out);
    }

    @Test
    void breachStartsOnceAfterTheHoldAndEndsWhenTheConditionStops() {
        AlertBook b = book("up>10M for 5s");
        List<Integer> startedAt = new ArrayList<>();
        List<Integer> activeAt = new ArrayList<>();
        // Seconds 0..9 over 10 MiB/s, 10..11 under, 12..20 over again.
        for (int t = 0; t <= 20; t++) {
            double up = t >= 10 && t <= 11 ? 1 * MIB : 11 * MIB;
            b = b.step(sample(t + 1, proc(42, up)), t * S);
            if (!b.started().isEmpty()) {
                startedAt.add(t);
                assertEquals(42, b.started().get(0).pid());
                assertEquals("up>10M for 5s", b.started().get(0).rule());
            }
            if (!b.active().isEmpty()) {
                activeAt.add(t);
            }
        }
        assertEquals(List.of(5, 17), startedAt, "after 5 s held; again 5 s after it re-armed at 12");
        assertEquals(List.of(5, 6, 7, 8, 9, 17, 18, 19, 20), activeAt);
    }

    @Test
    void withoutForTheFirstSampleThatMeetsItBreaches() {
        AlertBook b = book("up>10M").step(sample(1, proc(1, 20 * MIB), proc(2, 0)), 0);
        assertEquals(1, b.started().size());
        assertEquals(Duration.ZERO, b.started().get(0).held());
        assertEquals(java.util.Set.of(1), b.breachingPids());
        AlertBook again = b.step(sample(2, proc(1, 20 * MIB), proc(2, 0)), S);
        assertTrue(again.started().isEmpty(), "once per breach, not once per sample");
        assertEquals(Duration.ofSeconds(1), again.active().get(0).held());
    }

    @Test
    void aGoneOrExitedProcessIsDroppedAndANewOneWithItsPidStartsAfresh() {
        AlertBook b = book("up>1M for 2s");
        b = b.step(sample(1, proc(5, 2 * MIB)), 0);
        b = b.step(sample(2, proc(5, 2 * MIB)), S);
        assertEquals(1, b.holding().size());
        b = b.step(sample(3), 2 * S); // gone
        assertTrue(b.holding().isEmpty(), "state dropped with the process");
        b = b.step(sample(4, proc(5, 2 * MIB)), 3 * S);
        assertTrue(b.started().isEmpty(), "the hold starts over");
        ProcessStats p = proc(6, 2 * MIB);
        ProcessStats exited = new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(), p.startTime(),
                ProcessState.EXITED, Fixtures.T0, p.traffic(), 0, 0, p.trend(), p.history(), p.sockets());
        AlertBook ex = book("up>1M").step(sample(1, exited), 0);
        assertTrue(ex.active().isEmpty() && ex.holding().isEmpty(), "an exited process breaches nothing");
        // Same pid, another start time: another process.
        AlertBook reuse = book("up>1M for 1s").step(sample(1, proc(9, 2 * MIB)), 0);
        ProcessStats other = Fixtures.process(9, "new", "", 2 * MIB, 0, ProcessState.RUNNING, List.of());
        other = new ProcessStats(9, 1, "new", "", "root", 99_999L, ProcessState.RUNNING, null, other.traffic(), 0, 0,
                other.trend(), other.history(), other.sockets());
        reuse = reuse.step(sample(2, other), 2 * S);
        assertTrue(reuse.started().isEmpty(), "pid reused: the hold of the old process does not carry over");
    }

    @Test
    void stateIsBoundedByTheSampleTimesTheRules() {
        AlertBook b = book("up>1M for 1m", "conns>=0 for 1m");
        List<ProcessStats> many = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(proc(1000 + i, 2 * MIB));
        }
        b = b.step(sample(1, many.toArray(ProcessStats[]::new)), 0);
        assertEquals(10_000, b.holding().size());
        Collections.shuffle(many, new java.util.Random(1));
        b = b.step(sample(2, many.subList(0, 10).toArray(ProcessStats[]::new)), S);
        assertEquals(20, b.holding().size(), "only the processes still there");
        List<AlertRule> seventeen = new ArrayList<>();
        for (int i = 0; i < AlertBook.MAX_RULES + 1; i++) {
            seventeen.add(AlertRuleTest.parse("pid:" + i));
        }
        assertThrows(IllegalArgumentException.class, () -> AlertBook.of(seventeen));
    }

    @Test
    void nextRunsOnTheSamplesElapsedTimeAndIgnoresTheSameSampleTwice() {
        AlertBook b = book("up>1M for 3s");
        Snapshot s1 = sample(1, proc(1, 2 * MIB));
        b = b.next(s1).next(sample(2, proc(1, 2 * MIB))).next(sample(3, proc(1, 2 * MIB)));
        assertTrue(b.started().isEmpty(), "2 s held");
        AlertBook fired = b.next(sample(4, proc(1, 2 * MIB)));
        assertEquals(1, fired.started().size(), "3 s held, from the samples' own elapsed time");
        AlertBook replayed = fired.next(sample(4, proc(1, 2 * MIB)));
        assertTrue(replayed.started().isEmpty(), "the same sample again (after a pause) starts nothing");
        assertEquals(fired.active(), replayed.active());
        assertSame(replayed, replayed.next(sample(4, proc(1, 2 * MIB))));
    }

    @Test
    void withoutRulesEverySampleLeavesTheSameBook() {
        assertSame(AlertBook.NONE, AlertBook.NONE.next(sample(1, proc(1, 2 * MIB))).next(sample(2)));
    }

    @Test
    void changingTheRulesKeepsWhatTheKeptRulesHold() {
        AlertBook b = book("up>1M for 2s", "conns>=0");
        b = b.step(sample(1, proc(1, 2 * MIB)), 0);
        b = b.withRules(List.of(AlertRuleTest.parse("up>1M for 2s"), AlertRuleTest.parse("up>1M for 2s")));
        assertEquals(1, b.rules().size(), "the same rule once");
        assertTrue(b.active().isEmpty(), "the removed rule's breach is gone");
        b = b.step(sample(2, proc(1, 2 * MIB)), 2 * S);
        assertEquals(1, b.started().size(), "the kept rule's hold went on from 0");
    }

    @Test
    void aKeptRuleLongerThanABreachsTextKeepsItsBreach() {
        String rule = "up>1M AND name:" + "p".repeat(Breach.MAX_TEXT);
        ProcessStats p = Fixtures.process(1, "p".repeat(Breach.MAX_TEXT + 1), "/bin/p", 2 * MIB, 0, ProcessState.RUNNING, List.of());
        AlertBook b = book(rule).step(sample(1, p), 0);
        assertEquals(1, b.active().size());
        assertEquals(1, b.withRules(b.rules()).active().size(), "the same rule: its breach goes on");
    }
}
